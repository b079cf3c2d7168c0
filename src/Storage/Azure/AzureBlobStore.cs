using System.Net;
using System.Runtime.CompilerServices;

namespace MedVid.Storage.Azure;

/// <summary>
/// Blobs in one Azure Blob storage container, spoken to over the Blob REST API with Shared Key
/// authorization (the Azure SDK does not restore here). Works against Azure and Azurite.
/// The container is created on the first write or health check.
/// </summary>
public sealed class AzureBlobStore : IBlobStore, IDisposable
{
    private readonly AzureBlobTransport _transport;
    private readonly AzureBlockUpload _upload;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private volatile bool _containerReady;

    /// <param name="httpClient">Shared client to use; when null the store creates (and disposes) its own.</param>
    public AzureBlobStore(AzureBlobOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _transport = new AzureBlobTransport(_http, options);
        _upload = new AzureBlockUpload(_transport);
    }

    public string Kind => "azure";

    public string ContainerName => _transport.Options.ContainerName;

    public async Task PutAsync(string path, Stream content, string contentType, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        contentType = BlobArguments.NormalizeContentType(contentType);
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        try
        {
            await _upload.UploadAsync(path, content, contentType, ct).ConfigureAwait(false);
        }
        catch (AzureBlobException e) when (e.ErrorCode == "ContainerNotFound")
        {
            _containerReady = false; // deleted behind our back: the next call creates it again
            throw;
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string path, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        using var request = new HttpRequestMessage(HttpMethod.Head, _transport.BlobUri(path));
        using var response = await _transport.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
        var headers = response.Content.Headers;
        return new BlobProperties(
            path,
            headers.ContentLength ?? 0,
            headers.ContentType?.ToString() ?? "application/octet-stream",
            headers.LastModified ?? DateTimeOffset.MinValue,
            AzureBlobListPage.QuotedETag(response.Headers.ETag?.Tag));
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

        var request = new HttpRequestMessage(HttpMethod.Get, _transport.BlobUri(path));
        if (range is { } r)
            request.Headers.Add("x-ms-range", r.Length is { } n ? $"bytes={r.Offset}-{r.Offset + n - 1}" : $"bytes={r.Offset}-");
        HttpResponseMessage response;
        using (request) response = await _transport.SendAsync(request, ct, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.PartialContent:
                    var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    return new HttpResponseStream(response, body);
                case HttpStatusCode.NotFound:
                    throw new BlobNotFoundException(path);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    // The blob exists (else 404) and the range starts at or past its end: empty, as in the folder store.
                    response.Dispose();
                    return new MemoryStream([], writable: false);
                default:
                    throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        BlobPath.ValidatePrefix(prefix);
        string? marker = null;
        do
        {
            var query = $"restype=container&comp=list&maxresults={_transport.Options.ListPageSize}";
            if (prefix.Length > 0) query += $"&prefix={Uri.EscapeDataString(prefix)}";
            if (marker is not null) query += $"&marker={Uri.EscapeDataString(marker)}";
            AzureBlobListPage page;
            using (var request = new HttpRequestMessage(HttpMethod.Get, _transport.ContainerUri(query)))
            using (var response = await _transport.SendAsync(request, ct).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound && AzureErrorResponse.HasCode(response, "ContainerNotFound")) yield break;
                if (!response.IsSuccessStatusCode) throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                page = await AzureBlobListPage.ParseAsync(body, ct).ConfigureAwait(false);
            }
            // Names outside the path rule (written by other tools, or a health probe left by a crash) are
            // skipped as the folder store skips such files: every listed path must work with the other methods.
            foreach (var blob in page.Blobs.Where(b => BlobPath.IsValid(b.Path))) yield return blob;
            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        BlobPath.Validate(path);
        using var request = new HttpRequestMessage(HttpMethod.Delete, _transport.BlobUri(path));
        using var response = await _transport.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode) throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Creates the container when missing, then writes and deletes a probe blob.</summary>
    public async Task CheckHealthAsync(CancellationToken ct = default)
    {
        _containerReady = false; // check for real, not from memory
        await EnsureContainerAsync(ct).ConfigureAwait(false);
        // '~' keeps the probe out of the space of valid blob paths, so it can never clash with one.
        var probe = $"~health/{Guid.NewGuid():N}";
        using (var put = new HttpRequestMessage(HttpMethod.Put, _transport.BlobUri(probe)) { Content = new ByteArrayContent([1]) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            await _transport.SendExpectingSuccessAsync(put, ct).ConfigureAwait(false);
        }
        using var delete = new HttpRequestMessage(HttpMethod.Delete, _transport.BlobUri(probe));
        await _transport.SendExpectingSuccessAsync(delete, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the whole container and every blob in it; false when it did not exist. For tests and teardown.</summary>
    public async Task<bool> DeleteContainerAsync(CancellationToken ct = default)
    {
        _containerReady = false;
        using var request = new HttpRequestMessage(HttpMethod.Delete, _transport.ContainerUri("restype=container"));
        using var response = await _transport.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode) throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
        _containerGate.Dispose();
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (_containerReady) return;
        await _containerGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_containerReady) return;
            using var request = new HttpRequestMessage(HttpMethod.Put, _transport.ContainerUri("restype=container"));
            using var response = await _transport.SendAsync(request, ct).ConfigureAwait(false);
            var exists = response.StatusCode == HttpStatusCode.Conflict && AzureErrorResponse.HasCode(response, "ContainerAlreadyExists");
            if (!response.IsSuccessStatusCode && !exists)
                throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
            _containerReady = true;
        }
        finally
        {
            _containerGate.Release();
        }
    }
}
