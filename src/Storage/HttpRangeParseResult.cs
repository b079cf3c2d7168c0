namespace MedVid.Storage;

/// <summary>What an HTTP Range header asks for, as <see cref="HttpRangeHeader.TryParse"/> reads it.</summary>
public enum HttpRangeParseResult
{
    /// <summary>No usable range (absent, malformed, several ranges, another unit): serve the whole body with 200.</summary>
    None,

    /// <summary>One range inside the content: serve it with 206 and Content-Range.</summary>
    Satisfiable,

    /// <summary>A well-formed range that misses the content: answer 416 with "Content-Range: bytes */length".</summary>
    Unsatisfiable,
}
