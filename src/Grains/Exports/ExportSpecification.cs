using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Exports;

/// <summary>
/// A data-augmentation export a team defines once and runs on demand or on a schedule: which model, which labels with
/// which prompts, how many videos per label, how seeds are chosen, how videos are sampled, which rated videos are kept,
/// and what is produced. Plain data with its validation; the export-specification grain stores it per team.
/// </summary>
public sealed record ExportSpecification(
    string Name,
    ExportSource Source,
    IReadOnlyList<ExportLabel> Labels,
    int VideosPerLabel,
    SeedPolicy Seeds,
    ExportSampling Sampling,
    ExportOutputs Outputs,
    AcceptanceFilter? Filter = null,
    LabelOrigin? LabelsFrom = null)
{
    public const int MaxVideosPerLabel = 10_000;
    public const int MaxLabels = 256;
    public const int MaxNameLength = 128;

    public long TotalVideos => (long)(Labels?.Count ?? 0) * VideosPerLabel;

    /// <summary>Every problem of the specification, each a sentence naming the field; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength) problems.Add($"name must have 1 to {MaxNameLength} characters.");
        if (Source is null) problems.Add("source is required: a trainingRunId and optionally a checkpointStep.");
        else problems.AddRange(Source.Problems());
        if (VideosPerLabel is < 1 or > MaxVideosPerLabel)
            problems.Add($"videosPerLabel must be between 1 and {MaxVideosPerLabel:N0}, got {VideosPerLabel:N0}.");
        problems.AddRange(LabelProblems());
        if (Seeds is null) problems.Add("seeds is required: kind 'fresh' or 'fixed'.");
        else if (VideosPerLabel is >= 1 and <= MaxVideosPerLabel) problems.AddRange(Seeds.Problems(VideosPerLabel));
        if (Sampling is null) problems.Add("sampling is required.");
        else problems.AddRange(Sampling.Problems());
        if (Outputs is null) problems.Add("outputs is required.");
        else problems.AddRange(Outputs.Problems());
        if (Filter is not null)
        {
            problems.AddRange(Filter.Problems());
            if (TotalVideos > Rating.RatingCampaignSpec.MaxItems)
                problems.Add($"A filtered export has every video rated: at most {Rating.RatingCampaignSpec.MaxItems:N0} videos in all (labels × videosPerLabel), got {TotalVideos:N0}.");
        }
        if (LabelsFrom is { } origin && (origin.DatasetId == Guid.Empty || origin.Version < 1 || string.IsNullOrWhiteSpace(origin.LabelKey)))
            problems.Add("labelsFrom needs a datasetId, a version of 1 or more and a labelKey.");
        return problems;
    }

    /// <summary>Throws one <see cref="InvalidGrainArgumentException"/> listing every problem, so a form can show them all at once.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new InvalidGrainArgumentException(string.Join(" ", problems));
    }

    private IEnumerable<string> LabelProblems()
    {
        if (Labels is null || Labels.Count is 0 or > MaxLabels)
        {
            yield return $"Give 1 to {MaxLabels} labels, each with a name and a prompt.";
            yield break;
        }
        foreach (var label in Labels)
        {
            if (label is null || !ExportLabel.IsSafeName(label.Name ?? ""))
                yield return $"Label name '{label?.Name}' must have 1 to {ExportLabel.MaxNameLength} letters, digits, spaces, '-', '_' or '.', without leading or trailing spaces.";
            else if (string.IsNullOrWhiteSpace(label.Prompt) || label.Prompt.Length > ExportLabel.MaxPromptLength)
                yield return $"The prompt of label '{label.Name}' must have 1 to {ExportLabel.MaxPromptLength} characters.";
        }
        var duplicates = Labels.Where(l => l?.Name is not null).GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) yield return $"Label names must be unique (ignoring case): {string.Join(", ", duplicates)}.";
    }
}
