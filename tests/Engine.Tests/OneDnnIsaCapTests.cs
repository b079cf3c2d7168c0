using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MedVid.Engine.Native;

namespace MedVid.Engine.Tests;

public sealed class OneDnnIsaCapTests
{
    [Fact]
    public void Loading_the_engine_caps_onednn_in_the_c_environment_that_libtorch_reads()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(OneDnnIsaCap).Module.ModuleHandle);

        var native = Marshal.PtrToStringUTF8(GetEnv(OneDnnIsaCap.Variable));

        // The cap itself unless the process was started with a value of its own (./medvid exports the same cap).
        Assert.False(string.IsNullOrEmpty(native));
        Assert.Equal(Environment.GetEnvironmentVariable(OneDnnIsaCap.Variable), native);
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
