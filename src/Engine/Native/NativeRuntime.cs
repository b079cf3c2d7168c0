using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>Error slot, runtime settings and CUDA queries (mt_error_, mt_runtime_, mt_cuda_).</summary>
internal static partial class NativeRuntime
{
    // Reading a thread-local string pointer is short and cannot block: no GC transition needed.
    [LibraryImport(NativeLibrary.Name), SuppressGCTransition]
    public static partial nint mt_error_last();

    [LibraryImport(NativeLibrary.Name)] public static partial void mt_runtime_set_num_threads(int n);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_runtime_get_num_threads();
    [LibraryImport(NativeLibrary.Name)] public static partial void mt_runtime_manual_seed(ulong seed);

    [LibraryImport(NativeLibrary.Name)] public static partial int mt_cuda_is_available();
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_cuda_device_count();
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_cuda_synchronize(int deviceIndex);
}
