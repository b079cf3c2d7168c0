namespace MedVid.Grains.Exports;

/// <summary>
/// What a run produced: the zip (<see cref="ZipBlob"/> empty when none was asked for) and when retention deleted it (the
/// run keeps saying so afterwards), and the synthetic dataset version it added, which retention does not touch.
/// </summary>
public sealed class ExportPackage
{
    public string ZipBlob { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public int Videos { get; set; }
    public DateTimeOffset PackagedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public SyntheticDatasetVersion? DatasetVersion { get; set; }

    public bool HasZip => ZipBlob != "";
}

/// <summary>The dataset version an export run added: its number, and how many of its clips are generated.</summary>
public sealed record SyntheticDatasetVersion(Guid DatasetId, int Version, int Clips, int SyntheticClips);
