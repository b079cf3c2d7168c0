namespace MedVid.Storage.Tests.Azure;

/// <summary>An HTTP handler for the SDK's transport that records each request's method, URI and range before sending it on.</summary>
internal sealed class RequestLog() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> Requests { get; } = [];

    /// <summary>The x-ms-range header of each request that had one.</summary>
    public List<string> Ranges { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri}");
            if (request.Headers.TryGetValues("x-ms-range", out var range)) Ranges.Add(string.Join(",", range));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
