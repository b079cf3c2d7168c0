namespace MedVid.Grains.Exports;

/// <summary>One label inside a run: its prompt, the seed of each of its videos, and the chunks that generate them.</summary>
public sealed class ExportLabelRun
{
    public string Name { get; set; } = "";
    public string Prompt { get; set; } = "";
    public List<long> Seeds { get; set; } = [];
    public List<ExportChunk> Chunks { get; set; } = [];

    public ExportLabelStatus Status =>
        Chunks.All(c => c.Status == ExportLabelStatus.Succeeded) ? ExportLabelStatus.Succeeded
        : Chunks.Any(c => c.IsRunning) ? ExportLabelStatus.Generating
        : Chunks.Any(c => c.Status == ExportLabelStatus.Failed) ? ExportLabelStatus.Failed
        : Chunks.Any(c => c.Status == ExportLabelStatus.Cancelled) ? ExportLabelStatus.Cancelled
        : Chunks.Any(c => c.Status == ExportLabelStatus.Succeeded) ? ExportLabelStatus.Generating
        : ExportLabelStatus.Pending;

    public int VideosDone => Chunks.Where(c => c.Status == ExportLabelStatus.Succeeded).Sum(c => c.Count);

    public int Videos => Chunks.Sum(c => c.Count);
}
