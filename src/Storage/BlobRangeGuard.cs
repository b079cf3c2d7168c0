namespace MedVid.Storage;

/// <summary>
/// Argument checks shared by the stores. Semantics every backend follows: a range is clamped to
/// the blob, so one that starts at or past the end reads as empty rather than failing.
/// </summary>
internal static class BlobRangeGuard
{
    public static void Validate(BlobRange? range, string paramName = "range")
    {
        if (range is not { } r) return;
        if (r.Offset < 0) throw new ArgumentOutOfRangeException(paramName, r.Offset, "Range offset must not be negative.");
        if (r.Length < 0) throw new ArgumentOutOfRangeException(paramName, r.Length, "Range length must not be negative.");
    }

    public static void ValidateContentType(string contentType, string paramName = "contentType")
    {
        if (string.IsNullOrWhiteSpace(contentType))
            throw new ArgumentException("A content type is required, e.g. \"video/mp4\" or \"application/octet-stream\".", paramName);
        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _))
            throw new ArgumentException($"'{contentType}' is not a valid content type.", paramName);
    }
}
