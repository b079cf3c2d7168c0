using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>mt_optim_ exports: libtorch's optimizers, their state, gradient clipping.</summary>
internal static unsafe partial class NativeOptim
{
    [LibraryImport(NativeLibrary.Name)]
    public static partial nint mt_optim_adamw_new(nint* parameters, int n, double lr, double beta1, double beta2, double eps,
        double weightDecay, int amsgrad);
    [LibraryImport(NativeLibrary.Name)]
    public static partial nint mt_optim_sgd_new(nint* parameters, int n, double lr, double momentum, double dampening,
        double weightDecay, int nesterov);
    [LibraryImport(NativeLibrary.Name)] public static partial void mt_optim_free(nint opt);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_step(nint opt);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_zero_grad(nint opt, int setToNone);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_set_lr(nint opt, double lr);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_get_lr(nint opt, double* lr);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_adamw_get_state(nint opt, int index, long* step, nint* expAvg, nint* expAvgSq);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_adamw_set_state(nint opt, int index, long step, nint expAvg, nint expAvgSq);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_sgd_get_state(nint opt, int index, nint* momentumBuffer);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_sgd_set_state(nint opt, int index, nint momentumBuffer);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_optim_clip_grad_norm(nint* parameters, int n, double maxNorm, double normType, double* totalNorm);
}
