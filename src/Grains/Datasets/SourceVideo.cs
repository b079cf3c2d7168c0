namespace MedVid.Grains.Datasets;

public enum SourceVideoStatus
{
    Ingesting,
    Ready,
    Failed,
}

/// <summary>An uploaded video of a dataset: the original blob, and once ingested its browser proxy, poster and probe facts.</summary>
public sealed class SourceVideo
{
    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    public long SizeBytes { get; set; }
    public string OriginalBlob { get; set; } = "";
    public string? ProxyBlob { get; set; }
    public string? PosterBlob { get; set; }
    public SourceVideoStatus Status { get; set; }
    public string? Error { get; set; }
    public double DurationSeconds { get; set; }
    public double Fps { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string? Codec { get; set; }
    public long FrameCount { get; set; }
    public Guid? IngestWorkItemId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
}
