using MedVid.Storage;
using Microsoft.Net.Http.Headers;

namespace MedVid.ControlPlane.Apis;

/// <summary>Streams a blob to the browser with HTTP range support, so video players can seek.</summary>
public static class BlobResults
{
    public static async Task Stream(HttpContext http, IBlobStore blobs, string path)
    {
        var properties = await blobs.GetPropertiesAsync(path, http.RequestAborted) ?? throw new BlobNotFoundException(path);
        var response = http.Response;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = properties.ETag is null ? default : new EntityTagHeaderValue(Quote(properties.ETag)).ToString();
        response.ContentType = properties.ContentType;
        var parsed = HttpRangeHeader.TryParse(http.Request.Headers.Range.ToString(), properties.Length, out var range);
        if (parsed == HttpRangeParseResult.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = HttpRangeHeader.FormatUnsatisfiedContentRange(properties.Length);
            return;
        }
        BlobRange? requested = null;
        if (parsed == HttpRangeParseResult.Satisfiable)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = HttpRangeHeader.FormatContentRange(range, properties.Length);
            response.ContentLength = range.Length;
            requested = range;
        }
        else
        {
            response.ContentLength = properties.Length;
        }
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await using var content = await blobs.OpenReadAsync(path, requested, http.RequestAborted);
        await content.CopyToAsync(response.Body, http.RequestAborted);
    }

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
