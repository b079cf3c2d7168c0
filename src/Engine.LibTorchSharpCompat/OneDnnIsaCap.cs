using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MedVid.Engine.LibTorchSharpCompat;

/// <summary>
/// Caps oneDNN (libtorch's CPU convolution backend) at SSE4.1 before libtorch loads, on hosts with AVX-512. On such an
/// AMD EPYC host (2026-12-06) libtorch 2.10's oneDNN AVX2 and AVX-512 kernels returned wrong, often NaN, input gradients
/// for 3×3 convolutions with fewer than 8 output channels, so training turned to NaN; the SSE4.1 kernels are right. On
/// AVX2-only EPYC hosts the same convolutions are right uncapped and the VAE trains 2× faster than capped, so those are
/// left alone (docs/engine.md, "CPU kernels"). oneDNN reads the variable once, as libtorch loads, so
/// Directory.Build.targets compiles this file into every MedVid assembly: whichever of them first reaches TorchSharp
/// has set it by then. A value the user already set is left alone.
/// </summary>
file static class OneDnnIsaCap
{
    private const string Variable = "DNNL_MAX_CPU_ISA";
    private const string Cap = "SSE41";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Must run before any code of this assembly reaches libtorch.")]
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || !Avx512F.IsSupported || Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) return;
        // oneDNN reads the C environment (getenv), which Environment.SetEnvironmentVariable does not change on Unix.
        if (SetEnv(Variable, Cap, overwrite: 0) != 0) throw new InvalidOperationException($"setenv({Variable}) failed: errno {Marshal.GetLastPInvokeError()}");
        Environment.SetEnvironmentVariable(Variable, Cap);
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
