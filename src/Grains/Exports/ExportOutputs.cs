namespace MedVid.Grains.Exports;

/// <summary>
/// What an export run produces: a zip in blob storage (kept <paramref name="RetentionDays"/>, then deleted), and/or a
/// synthetic version of dataset <paramref name="SyntheticDatasetId"/> whose clips are marked synthetic with their
/// provenance, so a team can train on real and synthetic data on the platform.
/// </summary>
public sealed record ExportOutputs(bool Zip = true, Guid? SyntheticDatasetId = null, int RetentionDays = 30)
{
    public const int MaxRetentionDays = 365;

    public bool DatasetVersion => SyntheticDatasetId is not null;

    public IEnumerable<string> Problems()
    {
        if (!Zip && !DatasetVersion) yield return "outputs: choose a zip, a synthetic dataset version, or both.";
        if (SyntheticDatasetId == Guid.Empty) yield return "outputs.syntheticDatasetId must be a dataset id (or left out).";
        if (RetentionDays is < 1 or > MaxRetentionDays) yield return $"outputs.retentionDays must be between 1 and {MaxRetentionDays}.";
    }
}
