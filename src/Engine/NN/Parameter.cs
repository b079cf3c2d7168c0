using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A trainable leaf tensor owned by a module. It never joins a dispose scope: the module
        /// (or whoever holds it) disposes it.
        /// </summary>
        public sealed class Parameter : Tensor
        {
            /// <summary>Takes over <paramref name="data"/> (which becomes invalid) as a leaf cut from any graph.</summary>
            public Parameter(Tensor data, bool requires_grad = true)
                : base(Detached(data), joinScope: false)
            {
                if (requires_grad) this.requires_grad = true;
            }

            private static nint Detached(Tensor data)
            {
                var h = Check.Handle(NativeTensor.mt_tensor_detach(data.Handle));
                data.Dispose();
                return h;
            }
        }
    }

    /// <summary>Tensors owned outside dispose scopes (module buffers, optimizer-side copies).</summary>
    internal sealed class OwnedTensor(nint handle) : Tensor(handle, joinScope: false)
    {
        public static OwnedTensor From(Tensor t)
        {
            var h = Check.Handle(NativeTensor.mt_tensor_detach(t.Handle));
            t.Dispose();
            return new OwnedTensor(h);
        }
    }
}
