using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>mt_autograd_ exports.</summary>
internal static unsafe partial class NativeAutograd
{
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_set_requires_grad(nint t, int requiresGrad);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_requires_grad(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_is_leaf(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_backward(nint t, nint grad, int retainGraph);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_grad(nint t, nint* grad);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_autograd_set_grad(nint t, nint grad);

    // Flipping a thread-local flag: short and non-blocking.
    [LibraryImport(NativeLibrary.Name), SuppressGCTransition] public static partial int mt_autograd_set_enabled(int enabled);
    [LibraryImport(NativeLibrary.Name), SuppressGCTransition] public static partial int mt_autograd_is_enabled();
}
