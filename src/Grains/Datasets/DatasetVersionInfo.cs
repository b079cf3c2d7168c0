namespace MedVid.Grains.Datasets;

/// <summary>An immutable, citable version of a dataset: its manifest (JSON Lines) and statistics in blob storage.</summary>
public sealed class DatasetVersionInfo
{
    public int Number { get; set; }
    public string ManifestBlob { get; set; } = "";
    public string? StatisticsBlob { get; set; }
    public int ClipCount { get; set; }
    public string Origin { get; set; } = "";
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
