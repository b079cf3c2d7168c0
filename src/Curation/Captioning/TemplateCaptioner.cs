using System.Globalization;
using System.Text.RegularExpressions;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Captioning;

/// <summary>Captions from templates over the source's metadata and labels. Placeholders:
/// {modality}, {title}, {description}, {duration} and {label:NAME}. A template is skipped for a
/// clip when any placeholder it uses has no value, so no caption contains an empty slot.</summary>
public sealed partial class TemplateCaptioner(IReadOnlyList<string> templates)
{
    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+(?::[^{}]+)?)\}")]
    private static partial Regex Placeholder();

    public IReadOnlyList<string> Caption(CandidateClip clip)
    {
        var captions = new List<string>();
        foreach (var template in templates)
        {
            bool complete = true;
            var text = Placeholder().Replace(template, match =>
            {
                var value = Resolve(clip, match.Groups["name"].Value);
                if (string.IsNullOrWhiteSpace(value)) complete = false;
                return value ?? "";
            });
            if (complete) captions.Add(Normalise(text));
        }
        return captions;
    }

    private static string? Resolve(CandidateClip clip, string name)
    {
        if (name.StartsWith("label:", StringComparison.Ordinal))
            return clip.Source.Labels.TryGetValue(name["label:".Length..], out var label) ? label : null;
        return name switch
        {
            "modality" => clip.Source.Modality,
            "title" => clip.Source.Title?.Trim().TrimEnd('.'),
            "description" => clip.Source.Description?.Trim(),
            "duration" => clip.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
