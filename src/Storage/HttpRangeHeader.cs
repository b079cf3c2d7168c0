using System.Globalization;

namespace MedVid.Storage;

/// <summary>
/// Reads the single-range forms of the HTTP Range header (RFC 9110 section 14) that browsers send
/// when seeking in a video: "bytes=a-b", "bytes=a-" and "bytes=-n". Multi-range requests are
/// answered as <see cref="HttpRangeParseResult.None"/>: a server may ignore Range and send everything.
/// </summary>
public static class HttpRangeHeader
{
    private const string Unit = "bytes=";

    /// <param name="header">The Range header value, or null when absent.</param>
    /// <param name="length">The full content length.</param>
    /// <param name="range">When satisfiable: the range clamped to the content, with a concrete Length.</param>
    public static HttpRangeParseResult TryParse(string? header, long length, out BlobRange range)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        range = default;
        if (string.IsNullOrWhiteSpace(header)) return HttpRangeParseResult.None;
        var spec = header.AsSpan().Trim();
        if (!spec.StartsWith(Unit, StringComparison.OrdinalIgnoreCase)) return HttpRangeParseResult.None;
        spec = spec[Unit.Length..].Trim();
        if (spec.Contains(',')) return HttpRangeParseResult.None;

        var dash = spec.IndexOf('-');
        if (dash < 0) return HttpRangeParseResult.None;
        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();

        if (firstText.IsEmpty)
        {
            // Suffix form "-n": the last n bytes; "-0" can never be satisfied.
            if (!TryParseNumber(lastText, out var suffix)) return HttpRangeParseResult.None;
            if (suffix == 0 || length == 0) return HttpRangeParseResult.Unsatisfiable;
            var take = Math.Min(suffix, length);
            range = new BlobRange(length - take, take);
            return HttpRangeParseResult.Satisfiable;
        }

        if (!TryParseNumber(firstText, out var first)) return HttpRangeParseResult.None;
        long last;
        if (lastText.IsEmpty) last = long.MaxValue;
        else if (!TryParseNumber(lastText, out last) || last < first) return HttpRangeParseResult.None;

        if (first >= length) return HttpRangeParseResult.Unsatisfiable;
        last = Math.Min(last, length - 1);
        range = new BlobRange(first, last - first + 1);
        return HttpRangeParseResult.Satisfiable;
    }

    /// <summary>The Content-Range value for a 206 answer, e.g. "bytes 0-99/1000".</summary>
    public static string FormatContentRange(BlobRange range, long length)
    {
        var end = range.Length is { } n ? range.Offset + n - 1 : length - 1;
        return string.Create(CultureInfo.InvariantCulture, $"bytes {range.Offset}-{end}/{length}");
    }

    /// <summary>The Content-Range value for a 416 answer: "bytes */length".</summary>
    public static string FormatUnsatisfiedContentRange(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");

    private static bool TryParseNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        // Digits only: long.TryParse would also take signs and spaces that RFC 9110 does not allow.
        if (text.IsEmpty) return false;
        foreach (var c in text) if (!char.IsAsciiDigit(c)) return false;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
