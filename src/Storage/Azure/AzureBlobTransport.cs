using System.Globalization;

namespace MedVid.Storage.Azure;

/// <summary>Builds, signs and sends Blob REST requests for one container.</summary>
internal sealed class AzureBlobTransport(HttpClient http, AzureBlobOptions options)
{
    /// <summary>A service version Azure and Azurite 3.37 both serve.</summary>
    public const string ApiVersion = "2021-08-06";

    private readonly byte[] _key = Convert.FromBase64String(options.AccountKey);
    private readonly string _containerUri = $"{options.BlobEndpoint.AbsoluteUri.TrimEnd('/')}/{options.ContainerName}";

    public AzureBlobOptions Options => options;

    /// <summary>The container's URI plus a query (which must already be escaped).</summary>
    public Uri ContainerUri(string query) => new($"{_containerUri}?{query}");

    /// <summary>A blob's URI. Valid blob paths need no escaping: their characters are all URL-safe.</summary>
    public Uri BlobUri(string path, string? query = null) =>
        new(query is null ? $"{_containerUri}/{path}" : $"{_containerUri}/{path}?{query}");

    /// <summary>Sends a request; the caller owns (and disposes) the response whatever its status.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        request.Headers.Add("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", ApiVersion);
        SharedKeySigner.Sign(request, options.AccountName, _key);
        return http.SendAsync(request, completion, ct);
    }

    /// <summary>Sends a request that must succeed; throws <see cref="AzureBlobException"/> otherwise.</summary>
    public async Task SendExpectingSuccessAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await AzureErrorResponse.ToExceptionAsync(response, ct).ConfigureAwait(false);
    }
}
