namespace MedVid.Storage.Tests.Azure;

/// <summary>An HTTP handler that records each request's method and URI before sending it on.</summary>
internal sealed class RequestLog() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests) Requests.Add($"{request.Method} {request.RequestUri}");
        return base.SendAsync(request, cancellationToken);
    }
}
