namespace MedVid.Grains.Exports;

/// <summary>
/// A slice of one label's videos made by one generation job (at most <see cref="ExportRunState.ChunkSize"/>, the most a
/// job makes per prompt). A retry gives a failed chunk a new attempt, hence a new job; a succeeded chunk is kept.
/// </summary>
public sealed class ExportChunk
{
    public int Index { get; set; }

    /// <summary>Index of the chunk's first video among its label's videos (and its seeds).</summary>
    public int FirstVideo { get; set; }

    public int Count { get; set; }
    public int Attempt { get; set; }
    public Guid? GenerationJobId { get; set; }
    public ExportLabelStatus Status { get; set; }
    public string? Error { get; set; }

    /// <summary>Why the chunk's work item waits in the queue (quota, no free slot), while it does.</summary>
    public string? WaitReason { get; set; }

    public bool IsRunning => Status == ExportLabelStatus.Generating;

    public bool IsFinished => Status is ExportLabelStatus.Succeeded or ExportLabelStatus.Failed or ExportLabelStatus.Cancelled;
}
