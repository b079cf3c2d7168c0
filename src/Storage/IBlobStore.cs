namespace MedVid.Storage;

/// <summary>
/// Flat object storage addressed by relative paths such as <c>teams/{teamId}/videos/{id}/proxy.mp4</c>.
/// Implementations: a folder on disk (embedded mode) and Azure Blob storage over its REST API.
/// Paths are validated by <see cref="BlobPath"/>; team scoping is the caller's job.
/// </summary>
public interface IBlobStore
{
    /// <summary>"folder" or "azure": shown by /health.</summary>
    string Kind { get; }

    /// <summary>Writes (or replaces) a blob. Large content is uploaded in blocks; a failed upload leaves no blob.</summary>
    Task PutAsync(string path, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>Properties of a blob, or null when it does not exist.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string path, CancellationToken ct = default);

    /// <summary>Reads a blob, or the given byte range of it. Throws <see cref="BlobNotFoundException"/>.</summary>
    Task<Stream> OpenReadAsync(string path, BlobRange? range = null, CancellationToken ct = default);

    /// <summary>Blobs whose path starts with <paramref name="prefix"/>, in path order.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes a blob; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken ct = default);

    /// <summary>Throws when the store cannot be reached or written.</summary>
    Task CheckHealthAsync(CancellationToken ct = default);
}

public sealed record BlobProperties(string Path, long Length, string ContentType, DateTimeOffset LastModified, string? ETag);

/// <summary>A byte range: Length null means "to the end".</summary>
public readonly record struct BlobRange(long Offset, long? Length);

public sealed class BlobNotFoundException(string path) : Exception($"Blob '{path}' does not exist.")
{
    public string Path { get; } = path;
}
