using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MedVid.Storage.Azure;

/// <summary>
/// Blobs in one Azure Blob storage container, through the Azure.Storage.Blobs SDK. Works against Azure and
/// Azurite. The container is created on the first write or health check. Not-found answers become the
/// interface's null / <see cref="BlobNotFoundException"/> / false; other refusals surface as the SDK's
/// <see cref="RequestFailedException"/> with Azure's status and error code.
/// </summary>
public sealed class AzureBlobStore : IBlobStore, IDisposable
{
    private const string DefaultContentType = "application/octet-stream";
    private readonly BlobContainerClient _container;
    private readonly int _listPageSize;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private volatile bool _containerReady;

    /// <param name="httpClient">Shared client for the SDK to send through; when null the SDK uses its own.</param>
    public AzureBlobStore(AzureBlobOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _container = options.CreateContainerClient(httpClient);
        _listPageSize = options.ListPageSize;
    }

    public string Kind => "azure";

    public string ContainerName => _container.Name;

    public async Task PutAsync(string path, Stream content, string contentType, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        contentType = BlobArguments.NormalizeContentType(contentType);
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = AzureUploadTransfer.Options,
        };
        try
        {
            await _container.GetBlobClient(path).UploadAsync(content, upload, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            _containerReady = false; // deleted behind our back: the next call creates it again
            throw;
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string path, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        try
        {
            var properties = (await _container.GetBlobClient(path).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            return new BlobProperties(path, properties.ContentLength, ContentTypeOrDefault(properties.ContentType),
                properties.LastModified, HeaderETag(properties.ETag));
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string path, BlobRange? range = null, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        BlobArguments.ValidateRange(range);
        if (range is { Length: 0 })
        {
            // "bytes=a-(a-1)" cannot be asked for; the answer is empty once the blob is known to exist.
            return await GetPropertiesAsync(path, ct).ConfigureAwait(false) is null
                ? throw new BlobNotFoundException(path)
                : new MemoryStream([], writable: false);
        }

        var download = new BlobDownloadOptions { Range = range is { } r ? new HttpRange(r.Offset, r.Length) : default };
        try
        {
            // The SDK's stream resumes a dropped download with If-Match on this response's ETag, so a
            // reader never gets the start of one version and the end of another.
            var result = await _container.GetBlobClient(path).DownloadStreamingAsync(download, ct).ConfigureAwait(false);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException(path);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidRange)
        {
            // The blob exists (else 404) and the range starts at or past its end: empty, as in the folder store.
            return new MemoryStream([], writable: false);
        }
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        BlobPath.ValidatePrefix(prefix);
        var listing = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length > 0 ? prefix : null }, ct);
        await using var pages = listing.AsPages(pageSizeHint: _listPageSize).GetAsyncEnumerator(ct);
        while (await NextPageAsync(pages).ConfigureAwait(false))
        {
            // Names outside the path rule (written by other tools, or a health probe left by a crash) are
            // skipped as the folder store skips such files: every listed path must work with the other methods.
            foreach (var blob in pages.Current.Values.Where(b => BlobPath.IsValid(b.Name)))
            {
                var properties = blob.Properties;
                yield return new BlobProperties(blob.Name, properties.ContentLength ?? 0, ContentTypeOrDefault(properties.ContentType),
                    properties.LastModified ?? DateTimeOffset.MinValue, HeaderETag(properties.ETag));
            }
        }
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        // Answers false for a missing blob and for a missing container alike.
        return (await _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
    }

    /// <summary>Creates the container when missing, then writes and deletes a probe blob.</summary>
    public async Task CheckHealthAsync(CancellationToken ct = default)
    {
        _containerReady = false; // check for real, not from memory
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        // '~' keeps the probe out of the space of valid blob paths, so it can never clash with one.
        var probe = _container.GetBlobClient($"~health/{Guid.NewGuid():N}");
        await probe.UploadAsync(BinaryData.FromBytes([1]), ct).ConfigureAwait(false);
        await probe.DeleteAsync(cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the whole container and every blob in it; false when it did not exist. For tests and teardown.</summary>
    public async Task<bool> DeleteContainerAsync(CancellationToken ct = default)
    {
        _containerReady = false;
        return (await _container.DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
    }

    public void Dispose() => _containerGate.Dispose();

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (_containerReady) return;
        await _containerGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_containerReady) return;
            await _container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            _containerReady = true;
        }
        finally
        {
            _containerGate.Release();
        }
    }

    /// <summary>Moves to the next listing page; a container not created yet lists as empty.</summary>
    private static async Task<bool> NextPageAsync(IAsyncEnumerator<Page<BlobItem>> pages)
    {
        try
        {
            return await pages.MoveNextAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return false;
        }
    }

    /// <summary>A missing container holds no blobs, so it reads as a missing blob too.</summary>
    private static bool IsNotFound(RequestFailedException e) => e.Status == 404;

    private static string ContentTypeOrDefault(string? contentType) => string.IsNullOrEmpty(contentType) ? DefaultContentType : contentType;

    /// <summary>Listings give the ETag bare, property reads quote it: the header form ("H") makes both compare equal.</summary>
    private static string? HeaderETag(ETag? etag) => etag is { } tag && tag != default ? tag.ToString("H") : null;
}
