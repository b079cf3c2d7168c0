using System.Text.RegularExpressions;

namespace MedVid.Models;

/// <summary>
/// A dotted-name glob for parameters and modules: <c>*</c> matches within one segment
/// (<c>blocks.*.attn_temp</c>), <c>**</c> across segments. A pattern selects a name when it
/// matches the whole name or a dotted prefix of it, so a module pattern selects its parameters.
/// </summary>
public sealed class NamePattern
{
    private readonly Regex regex;

    public NamePattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) throw new ArgumentException("empty name pattern", nameof(pattern));
        Pattern = pattern;
        var body = Regex.Escape(pattern).Replace(@"\*\*", ".+").Replace(@"\*", "[^.]+");
        regex = new Regex($"^{body}(\\..+)?$", RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    /// <summary>True when the pattern matches the name or one of its dotted prefixes.</summary>
    public bool Selects(string name) => regex.IsMatch(name);

    /// <summary>True only for a whole-name match (module selection, not its children).</summary>
    public bool MatchesExactly(string name) => Selects(name) && !SelectsAParentOf(name);

    private bool SelectsAParentOf(string name)
    {
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
            if (regex.IsMatch(name[..dot])) return true;
        return false;
    }

    public override string ToString() => Pattern;
}
