using System.Runtime.InteropServices;

namespace MedVid.GpuBench;

/// <summary>
/// Points TorchSharp at a given libtorch and LibTorchSharp instead of the copies next to the app (a trimmed publish
/// has none). TorchSharp loads its natives by bare name ("torch_cuda", "torch_cpu", "LibTorchSharp"); the dynamic
/// loader answers a bare name with an already loaded library of that soname, so loading the chosen files by full
/// path first makes every later lookup, TorchSharp's and its P/Invokes', find them. No LD_LIBRARY_PATH is set, so
/// the PyTorch process the bench starts keeps its own libtorch.
/// </summary>
internal static class NativeLibraries
{
    public static void Preload(string torchLibDir, string libTorchSharp, bool cuda)
    {
        // libtorch.so brings libtorch_cpu, libc10 (and in CUDA builds libtorch_cuda) through its $ORIGIN run path.
        Load(Path.Combine(torchLibDir, "libtorch.so"));
        if (cuda) Load(Path.Combine(torchLibDir, "libtorch_cuda.so"));
        Load(libTorchSharp);
    }

    /// <summary>The file each named library was mapped from, read back from /proc/self/maps: what actually loaded.</summary>
    public static IReadOnlyDictionary<string, string> LoadedFrom(params string[] fileNames)
    {
        var found = new Dictionary<string, string>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..];
            var name = Path.GetFileName(path);
            if (fileNames.Contains(name)) found.TryAdd(name, path);
        }
        return found;
    }

    private static void Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"native library not found: {path}");
        // Throws with the loader's message (a missing dependency, a wrong GLIBCXX) where loading fails.
        NativeLibrary.Load(path);
    }
}
