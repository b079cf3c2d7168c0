using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>
/// Caps oneDNN (libtorch's CPU convolution and matmul backend) at AVX2 before libtorch first runs. On AVX-512 CPUs
/// (seen on an AMD EPYC host, 2026-12-06) libtorch 2.10's oneDNN kernels turned the tiny DiT's training loss into NaN
/// by step 100 where the AVX2 kernels train normally; the functional training tests caught it (docs/engine.md, "CPU
/// kernels"). A value the user already set for <c>DNNL_MAX_CPU_ISA</c> is left alone.
/// </summary>
internal static partial class OneDnnIsaCap
{
    public const string Variable = "DNNL_MAX_CPU_ISA";
    public const string Cap = "AVX2";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Must run before any code of this library reaches libtorch, whichever process loads it.")]
    internal static void Apply()
    {
        // oneDNN reads the C environment (getenv), which Environment.SetEnvironmentVariable does not change on Unix.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) return;
        if (SetEnv(Variable, Cap, overwrite: 0) != 0) throw new InvalidOperationException($"setenv({Variable}) failed: errno {Marshal.GetLastPInvokeError()}");
        Environment.SetEnvironmentVariable(Variable, Cap);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
