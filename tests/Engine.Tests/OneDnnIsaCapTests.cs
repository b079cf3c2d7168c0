using System.Runtime.InteropServices;

namespace MedVid.Engine.Tests;

public sealed class OneDnnIsaCapTests
{
    [Fact]
    public void Every_assembly_caps_onednn_in_the_c_environment_that_libtorch_reads_before_it_loads()
    {
        // This assembly's own module initializer ran before this test: libtorch sees the cap, or the value the process
        // was started with (./medvid exports the same cap).
        var native = Marshal.PtrToStringUTF8(GetEnv("DNNL_MAX_CPU_ISA"));

        Assert.False(string.IsNullOrEmpty(native));
        Assert.Equal(Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"), native);
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
