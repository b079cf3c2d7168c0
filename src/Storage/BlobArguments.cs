namespace MedVid.Storage;

/// <summary>
/// Argument checks shared by the stores. Semantics every backend follows: a range is clamped to
/// the blob, so one that starts at or past the end reads as empty rather than failing; content
/// types are stored in one normal form, so both backends give back the same string.
/// </summary>
internal static class BlobArguments
{
    public static void ValidateRange(BlobRange? range, string paramName = "range")
    {
        if (range is not { } r) return;
        if (r.Offset < 0) throw new ArgumentOutOfRangeException(paramName, r.Offset, "Range offset must not be negative.");
        if (r.Length < 0) throw new ArgumentOutOfRangeException(paramName, r.Length, "Range length must not be negative.");
    }

    /// <summary>The content type as HTTP writes it ("text/plain; charset=utf-8"); throws when it is not one.</summary>
    public static string NormalizeContentType(string contentType, string paramName = "contentType")
    {
        if (string.IsNullOrWhiteSpace(contentType))
            throw new ArgumentException("A content type is required, e.g. \"video/mp4\" or \"application/octet-stream\".", paramName);
        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            throw new ArgumentException($"'{contentType}' is not a valid content type.", paramName);
        return parsed.ToString();
    }
}
