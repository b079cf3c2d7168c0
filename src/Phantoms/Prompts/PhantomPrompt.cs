using System.Globalization;
using System.Text.RegularExpressions;

namespace MedVid.Phantoms.Prompts;

/// <summary>What a prompt asks of a phantom video: its modality, and where the prompt says so, a heart rate, a cell count or polyp yes/no.</summary>
public sealed record PromptExpectation(Modality Modality, double? HeartRateBpm, int? CellCount, bool? Polyp);

/// <summary>
/// Reads the phantom captions' wording back (docs/phantoms.md): the modality from its words (echo, cardiac ultrasound,
/// endoscopy, colonoscopy, microscopy, cells, MRI; Bora's "This is a … video." too), a heart rate from "N bpm",
/// "N beats per minute" or "N times a minute", a cell count from "N cells" (the first number, the one the video starts
/// with), and polyp from "no polyp", "without polyps" or "normal" against "polyp". A prompt without a modality word is
/// not a phantom prompt (null): evaluations of other datasets carry no phantom adherence.
/// </summary>
public static partial class PhantomPrompt
{
    public static PromptExpectation? Parse(string prompt)
    {
        var text = prompt.ToLowerInvariant();
        Modality? modality =
            Ultrasound().IsMatch(text) ? Modality.Ultrasound :
            Endoscopy().IsMatch(text) ? Modality.Endoscopy :
            Microscopy().IsMatch(text) ? Modality.Cells :
            Mri().IsMatch(text) ? Modality.RtMri : null;
        if (modality is not { } asked) return null;
        return new PromptExpectation(asked,
            asked == Modality.Ultrasound && HeartRate().Match(text) is { Success: true } hr ? double.Parse(hr.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            asked == Modality.Cells && Cells().Match(text) is { Success: true } cells ? int.Parse(cells.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            asked == Modality.Endoscopy ? PolypOf(text) : null);
    }

    private static bool? PolypOf(string text) =>
        NoPolyp().IsMatch(text) ? false : text.Contains("polyp", StringComparison.Ordinal) ? true : null;

    [GeneratedRegex(@"\b(echo\w*|ultrasound|cardiac|ventricle|heart)\b")]
    private static partial Regex Ultrasound();

    [GeneratedRegex(@"\b(endoscop\w*|colonoscop\w*|lumen|mucosa)\b")]
    private static partial Regex Endoscopy();

    [GeneratedRegex(@"\b(microscop\w*|cells?|cell culture|phase-contrast)\b")]
    private static partial Regex Microscopy();

    [GeneratedRegex(@"\b(mri|rt-mri|vocal tract|articulator)\b")]
    private static partial Regex Mri();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(?:bpm|beats per minute|times a minute)")]
    private static partial Regex HeartRate();

    [GeneratedRegex(@"(\d+)\s+(?:\w+\s+)?cells\b")]
    private static partial Regex Cells();

    [GeneratedRegex(@"\b(no polyps?|without polyps?|normal)\b")]
    private static partial Regex NoPolyp();
}
