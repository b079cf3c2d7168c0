namespace MedVid.Grains.Exports;

/// <summary>
/// What an export run produces: a zip in blob storage (kept <paramref name="RetentionDays"/>, then deleted), and/or a
/// synthetic version of dataset <paramref name="SyntheticDatasetId"/>: the real clips of its version
/// <paramref name="BaseVersion"/> (none when null) plus the generated clips, marked synthetic with their provenance and
/// labelled <paramref name="LabelKey"/> = the export label, so a team can train on real and synthetic data here.
/// </summary>
public sealed record ExportOutputs(bool Zip = true, Guid? SyntheticDatasetId = null, int RetentionDays = 30, int? BaseVersion = null,
    string? LabelKey = null)
{
    public const int MaxRetentionDays = 365;
    public const int MaxLabelKeyLength = 64;

    /// <summary>The label key generated clips get when neither the outputs nor the labels' dataset name one.</summary>
    public const string DefaultLabelKey = "label";

    public bool DatasetVersion => SyntheticDatasetId is not null;

    public IEnumerable<string> Problems()
    {
        if (!Zip && !DatasetVersion) yield return "outputs: choose a zip, a synthetic dataset version, or both.";
        if (SyntheticDatasetId == Guid.Empty) yield return "outputs.syntheticDatasetId must be a dataset id (or left out).";
        if (RetentionDays is < 1 or > MaxRetentionDays) yield return $"outputs.retentionDays must be between 1 and {MaxRetentionDays}.";
        if (!DatasetVersion && (BaseVersion is not null || LabelKey is not null))
            yield return "outputs.baseVersion and outputs.labelKey apply to a synthetic dataset version: give outputs.syntheticDatasetId too.";
        if (BaseVersion is < 1) yield return "outputs.baseVersion must be a version number (1 or more).";
        if (LabelKey is not null && (string.IsNullOrWhiteSpace(LabelKey) || LabelKey.Length > MaxLabelKeyLength || LabelKey.Any(char.IsControl) || LabelKey.Trim() != LabelKey))
            yield return $"outputs.labelKey must have 1 to {MaxLabelKeyLength} characters, without control characters or surrounding spaces.";
    }

    /// <summary>
    /// The outputs with the synthetic version's defaults filled in from where the labels came from: its label key, and
    /// its base version when the labels came from the same dataset.
    /// </summary>
    public ExportOutputs Resolved(LabelOrigin? labelsFrom) => !DatasetVersion ? this : this with
    {
        LabelKey = LabelKey ?? labelsFrom?.LabelKey ?? DefaultLabelKey,
        BaseVersion = BaseVersion ?? (labelsFrom is { } origin && origin.DatasetId == SyntheticDatasetId ? origin.Version : null),
    };
}
