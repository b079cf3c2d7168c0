using System.Runtime.CompilerServices;
using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    /// <summary>
    /// An owned handle to a libtorch tensor. Dispose it, or create it inside a
    /// <see cref="DisposeScope"/>; the finalizer only catches leaks.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private nint handle;

        /// <summary>Takes ownership of a native handle and joins the thread's innermost dispose scope.</summary>
        internal Tensor(nint handle)
        {
            this.handle = handle;
            DisposeScope.Register(this);
        }

        /// <summary>Takes ownership of a native handle outside any dispose scope (parameters, buffers).</summary>
        private protected Tensor(nint handle, bool joinScope)
        {
            this.handle = handle;
            if (joinScope) DisposeScope.Register(this);
        }

        /// <summary>
        /// Points this object at another native tensor and frees the old one, so that holders of
        /// this object (modules, fields) see the change; used by Module.to.
        /// </summary>
        internal void ReplaceHandle(nint newHandle)
        {
            var old = Interlocked.Exchange(ref handle, Check.Handle(newHandle));
            if (old != 0) NativeTensor.mt_tensor_free(old);
        }

        /// <summary>The scope that will free this tensor, if any.</summary>
        internal DisposeScope? Scope { get; set; }

        /// <summary>The native handle; throws once the tensor is disposed.</summary>
        public nint Handle
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => handle != 0 ? handle : throw new ObjectDisposedException(nameof(Tensor));
        }

        public bool IsInvalid => handle == 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Tensor Wrap(nint h) => new(Check.Handle(h));

        /// <summary>Removes the tensor from its scope; the caller now owns it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            Scope = null;
            return this;
        }

        /// <summary>Hands the tensor to the scope outside its current one (or to the caller at top level).</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            var outer = Scope?.Outer;
            if (outer is null) Scope = null;
            else outer.Adopt(this);
            return this;
        }

        /// <summary>Moves ownership of the native handle to a new object (used by Parameter).</summary>
        internal nint TakeHandle()
        {
            var h = Interlocked.Exchange(ref handle, 0);
            if (h == 0) throw new ObjectDisposedException(nameof(Tensor));
            Scope = null;
            GC.SuppressFinalize(this);
            return h;
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            var h = Interlocked.Exchange(ref handle, 0);
            if (h != 0) NativeTensor.mt_tensor_free(h);
        }

        ~Tensor() => Dispose(false);

        public override string ToString() =>
            IsInvalid ? "tensor(disposed)" : $"tensor([{string.Join(", ", shape)}], {dtype}, {device})";
    }
}
