using System.Globalization;
using System.Text.RegularExpressions;

namespace MedVid.Training.Probes;

/// <summary>
/// The caption with one stated value changed and nothing else: what the prompt-effect probe compares to see whether a
/// model reads the numbers of its captions (a heart rate, a cell count), not only their words.
/// </summary>
public static partial class StatedNumber
{
    /// <summary>
    /// <paramref name="caption"/> with its first non-zero number doubled, written with the same decimals ("55 bpm" → "110 bpm",
    /// "0.7 radii" → "1.4 radii"); null when it states no number, or only zero.
    /// </summary>
    public static string? WithFirstDoubled(string caption)
    {
        for (var match = Number().Match(caption); match.Success; match = match.NextMatch())
        {
            var value = double.Parse(match.Value, CultureInfo.InvariantCulture);
            if (value == 0) continue;
            var decimals = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.Length - 1 : 0;
            var doubled = (2 * value).ToString("F" + decimals, CultureInfo.InvariantCulture);
            return string.Concat(caption.AsSpan(0, match.Index), doubled, caption.AsSpan(match.Index + match.Length));
        }
        return null;
    }

    // Digits with at most one decimal part; "16x" counts, a digit inside a word such as "T2w" does not.
    [GeneratedRegex(@"(?<![\w.])\d+(?<fraction>\.\d+)?")]
    private static partial Regex Number();
}
