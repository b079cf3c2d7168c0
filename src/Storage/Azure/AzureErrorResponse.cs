using System.Xml.Linq;

namespace MedVid.Storage.Azure;

/// <summary>Turns a failed response into an <see cref="AzureBlobException"/> carrying Azure's code and message.</summary>
internal static class AzureErrorResponse
{
    public static async Task<AzureBlobException> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var request = response.RequestMessage;
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        string? detail = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (body.TrimStart().StartsWith('<'))
            {
                var error = XDocument.Parse(body).Root;
                code ??= error?.Element("Code")?.Value;
                detail = error?.Element("Message")?.Value.Split('\n')[0].Trim();
            }
        }
        catch (System.Xml.XmlException)
        {
            // Not Azure's XML error body (a proxy's page, say): the status line still says enough.
        }
        detail ??= response.ReasonPhrase;
        var what = request is null ? "request" : $"{request.Method} {request.RequestUri?.AbsolutePath}";
        return new AzureBlobException(response.StatusCode, code,
            $"Azure Blob {what} failed: {(int)response.StatusCode} {code ?? response.StatusCode.ToString()}: {detail}");
    }

    public static bool HasCode(HttpResponseMessage response, string code) =>
        response.Headers.TryGetValues("x-ms-error-code", out var codes) && codes.Contains(code, StringComparer.Ordinal);
}
