namespace MedVid.Engine.Native;

/// <summary>Name of the shim library (libmedvid_torch.so next to the managed assembly).</summary>
internal static class NativeLibrary
{
    public const string Name = "medvid_torch";
}
