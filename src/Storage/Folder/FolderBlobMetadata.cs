using System.Text.Json;

namespace MedVid.Storage.Folder;

/// <summary>What a folder blob keeps beside its bytes, in the "&lt;file&gt;~meta.json" sidecar.</summary>
internal sealed record FolderBlobMetadata(string ContentType)
{
    public const string DefaultContentType = "application/octet-stream";

    public static async Task WriteAsync(string file, FolderBlobMetadata metadata, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await JsonSerializer.SerializeAsync(stream, metadata, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The sidecar's content, or the default when it is missing or unreadable (a blob copied in by hand).</summary>
    public static async Task<FolderBlobMetadata> ReadAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var metadata = await JsonSerializer.DeserializeAsync<FolderBlobMetadata>(stream, cancellationToken: ct).ConfigureAwait(false);
            return metadata is { ContentType.Length: > 0 } ? metadata : new FolderBlobMetadata(DefaultContentType);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return new FolderBlobMetadata(DefaultContentType);
        }
    }
}
