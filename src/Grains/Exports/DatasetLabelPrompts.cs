namespace MedVid.Grains.Exports;

/// <summary>One clip of a dataset version as far as labels go: its labels and its primary caption.</summary>
public sealed record LabelledClip(IReadOnlyDictionary<string, string> Labels, string? Caption);

/// <summary>
/// Turns a dataset version's clips into export labels: each distinct value of one label key is a label, and its prompt
/// is the caption most of its clips carry (ties broken by the caption's text, so the result does not depend on clip
/// order). Curated captions are built from the same labels ("This is a ultrasound video."), so that prompt is the one
/// the model was trained to follow for that class.
/// </summary>
public static class DatasetLabelPrompts
{
    public static IReadOnlyList<ExportLabel> From(IEnumerable<LabelledClip> clips, string labelKey)
    {
        var labels = clips
            .Where(c => c.Labels.TryGetValue(labelKey, out var value) && !string.IsNullOrWhiteSpace(value))
            .GroupBy(c => c.Labels[labelKey].Trim(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ExportLabel(g.Key, MostCommonCaption(g) ?? $"This is a {g.Key} video."))
            .ToList();
        return labels;
    }

    private static string? MostCommonCaption(IEnumerable<LabelledClip> clips) =>
        clips.Select(c => c.Caption).Where(c => !string.IsNullOrWhiteSpace(c))
            .GroupBy(c => c!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
}
