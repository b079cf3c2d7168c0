namespace MedVid.Engine;

/// <summary>A libtorch error surfaced through the shim; the message is libtorch's own.</summary>
public sealed class TorchException(string message) : Exception(message);
