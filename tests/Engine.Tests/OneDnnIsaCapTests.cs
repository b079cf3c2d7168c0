using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MedVid.Engine.Tests;

public sealed class OneDnnIsaCapTests
{
    private const string Variable = "DNNL_MAX_CPU_ISA";

    [Fact]
    public void Every_assembly_caps_onednn_on_avx512_hosts_in_the_c_environment_that_libtorch_reads_and_keeps_a_users_value()
    {
        // This assembly's module initializer ran before this test. What the process started with is in /proc/self/environ;
        // a value set there is kept, otherwise the cap is SSE4.1 on AVX-512 hosts and absent elsewhere.
        var started = File.ReadAllText("/proc/self/environ").Split('\0')
            .FirstOrDefault(e => e.StartsWith(Variable + "=", StringComparison.Ordinal))?[(Variable.Length + 1)..];
        var expected = started is { Length: > 0 } ? started : Avx512F.IsSupported ? "SSE41" : null;

        Assert.Equal(expected, Marshal.PtrToStringUTF8(GetEnv(Variable)));
        Assert.Equal(expected, Environment.GetEnvironmentVariable(Variable));
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
