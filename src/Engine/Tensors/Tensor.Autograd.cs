using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public partial class Tensor
    {
        public bool requires_grad
        {
            get => Check.Status(NativeAutograd.mt_autograd_requires_grad(Handle)) != 0;
            set => Check.Status(NativeAutograd.mt_autograd_set_requires_grad(Handle, value ? 1 : 0));
        }

        public Tensor requires_grad_(bool requiresGrad = true)
        {
            requires_grad = requiresGrad;
            return this;
        }

        public bool is_leaf => Check.Status(NativeAutograd.mt_autograd_is_leaf(Handle)) != 0;

        /// <summary>
        /// The accumulated gradient as a new handle (owned by the current scope), or null.
        /// Setting it replaces the gradient; null clears it.
        /// </summary>
        public unsafe Tensor? grad
        {
            get
            {
                nint g;
                Check.Status(NativeAutograd.mt_autograd_grad(Handle, &g));
                return g == 0 ? null : new Tensor(g);
            }
            set => Check.Status(NativeAutograd.mt_autograd_set_grad(Handle, value?.Handle ?? 0));
        }

        public void backward(Tensor? gradient = null, bool retainGraph = false) =>
            Check.Status(NativeAutograd.mt_autograd_backward(Handle, gradient?.Handle ?? 0, retainGraph ? 1 : 0));
    }
}
