using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>
/// Turns the shim's failure signals (NULL handle, -1 status) into <see cref="TorchException"/>.
/// Every native call goes through one of these; the message is read only on failure, so a
/// successful call costs a single comparison.
/// </summary>
internal static class Check
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Handle(nint handle) => handle != 0 ? handle : throw Failure();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Status(int status) => status >= 0 ? status : throw Failure();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TorchException Failure()
    {
        var message = Marshal.PtrToStringUTF8(NativeRuntime.mt_error_last());
        return new TorchException(string.IsNullOrEmpty(message) ? "libtorch call failed" : message);
    }
}
