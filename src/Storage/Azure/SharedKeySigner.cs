using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace MedVid.Storage.Azure;

/// <summary>
/// The Shared Key authorization of the Azure Storage REST API
/// (learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key), for service versions
/// 2015-02-21 and later: an HMAC-SHA256 of a canonical string built from the request.
/// Header values are read back from the request exactly as HttpClient will send them.
/// </summary>
internal static partial class SharedKeySigner
{
    /// <summary>Adds the Authorization header; x-ms-date and x-ms-version must already be set.</summary>
    public static void Sign(HttpRequestMessage request, string accountName, byte[] accountKey)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(StringToSign(request, accountName))));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{accountName}:{signature}");
    }

    public static string StringToSign(HttpRequestMessage request, string accountName)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength;
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Value(content, "Content-Encoding")).Append('\n')
            .Append(Value(content, "Content-Language")).Append('\n')
            // Since 2015-02-21 a zero length is signed as an empty string.
            .Append(length is null or 0 ? "" : length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
            .Append(Value(content, "Content-MD5")).Append('\n')
            .Append(Value(content, "Content-Type")).Append('\n')
            .Append(Value(request.Headers, "Date")).Append('\n')
            .Append(Value(request.Headers, "If-Modified-Since")).Append('\n')
            .Append(Value(request.Headers, "If-Match")).Append('\n')
            .Append(Value(request.Headers, "If-None-Match")).Append('\n')
            .Append(Value(request.Headers, "If-Unmodified-Since")).Append('\n')
            .Append(Value(request.Headers, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.RequestUri!, accountName);
        return builder.ToString();
    }

    private static string Value(HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>Every x-ms-* header, lower-cased, sorted, one "name:value\n" line each.</summary>
    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestMessage request)
    {
        var headers = request.Headers.AsEnumerable();
        if (request.Content is not null) headers = headers.Concat(request.Content.Headers);
        var msHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value.Select(CollapseWhitespace))))
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders) builder.Append(name).Append(':').Append(value).Append('\n');
    }

    /// <summary>"/account/encoded-path" then one "\nname:value1,value2" line per query parameter, names lower-cased and sorted.</summary>
    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: Uri.UnescapeDataString(name).ToLowerInvariant(), Value: Uri.UnescapeDataString(value));
            })
            .GroupBy(p => p.Name)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var values = parameter.Select(p => p.Value).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(",", values));
        }
    }

    private static string CollapseWhitespace(string value) => Whitespace().Replace(value.Trim(), " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
