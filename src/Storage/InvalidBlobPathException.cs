namespace MedVid.Storage;

/// <summary>A blob path or listing prefix that breaks the rules of <see cref="BlobPath"/>.</summary>
public sealed class InvalidBlobPathException(string? path, string reason, string paramName = "path")
    : ArgumentException($"Invalid blob path '{path}': {reason}.", paramName)
{
    public string? BlobPath { get; } = path;
}
