using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public static partial class nn
    {
        public static class utils
        {
            /// <summary>Scales gradients so their joint norm is at most maxNorm; returns the norm before clipping.</summary>
            public static unsafe double clip_grad_norm_(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
            {
                var handles = parameters.Select(p => p.Handle).ToArray();
                double total;
                fixed (nint* p = handles)
                    Check.Status(NativeOptim.mt_optim_clip_grad_norm(p, handles.Length, maxNorm, normType, &total));
                return total;
            }
        }
    }
}
