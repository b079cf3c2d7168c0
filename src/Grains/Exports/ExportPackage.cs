namespace MedVid.Grains.Exports;

/// <summary>The zip a run produced, and when retention deleted it (the run keeps saying so afterwards).</summary>
public sealed class ExportPackage
{
    public string ZipBlob { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public int Videos { get; set; }
    public DateTimeOffset PackagedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
