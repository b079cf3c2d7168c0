namespace MedVid.Storage;

/// <summary>
/// The path rule shared by every blob store: relative, '/'-separated segments of
/// [A-Za-z0-9._-], no empty, "." or ".." segment, at most 1024 characters. The rule is narrow on
/// purpose: such a path means the same thing as a file path and as a URL path without escaping,
/// and can never climb out of a folder store's root.
/// </summary>
public static class BlobPath
{
    public const int MaxLength = 1024;

    /// <summary>Throws <see cref="InvalidBlobPathException"/> unless <paramref name="path"/> is a valid blob path.</summary>
    public static void Validate(string? path, string paramName = "path")
    {
        var reason = Check(path);
        if (reason is not null) throw new InvalidBlobPathException(path, reason, paramName);
    }

    public static bool IsValid(string? path) => Check(path) is null;

    /// <summary>
    /// A listing prefix: empty (everything), or a valid path cut anywhere, so "teams/7/" and
    /// "teams/7/vid" are both fine. Only the last, possibly partial segment may be empty or a dot run.
    /// </summary>
    public static void ValidatePrefix(string? prefix, string paramName = "prefix")
    {
        if (prefix is null) throw new InvalidBlobPathException(prefix, "a prefix is required (use \"\" for all)", paramName);
        if (prefix.Length == 0) return;
        if (prefix[0] == '/') throw new InvalidBlobPathException(prefix, "it must be relative (no leading '/')", paramName);
        var lastSlash = prefix.LastIndexOf('/');
        var reason = lastSlash < 0 ? null : Check(prefix[..lastSlash]);
        reason ??= CheckCharacters(prefix.AsSpan(lastSlash + 1));
        if (prefix.Length > MaxLength) reason = $"longer than {MaxLength} characters";
        if (reason is not null) throw new InvalidBlobPathException(prefix, reason, paramName);
    }

    /// <summary>The reason <paramref name="path"/> is invalid, or null when it is valid.</summary>
    private static string? Check(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "it is empty";
        if (path.Length > MaxLength) return $"longer than {MaxLength} characters";
        if (path[0] == '/') return "it must be relative (no leading '/')";
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            if (segment.IsEmpty) return "empty segment ('//' or a trailing '/')";
            if (segment is "." or "..") return "'.' and '..' segments are not allowed";
            var characters = CheckCharacters(segment);
            if (characters is not null) return characters;
        }
        return null;
    }

    private static string? CheckCharacters(ReadOnlySpan<char> segment)
    {
        foreach (var c in segment)
        {
            if (!IsAllowed(c))
                return c == '\\'
                    ? "backslash is not a separator, use '/'"
                    : $"character '{c}' (U+{(int)c:X4}) is not allowed; use A-Z, a-z, 0-9, '.', '_', '-'";
        }
        return null;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
