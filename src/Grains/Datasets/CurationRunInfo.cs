using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Datasets;

/// <summary>One curation run of a dataset: its configuration, lifecycle, progress, and the version it produced.</summary>
public sealed class CurationRunInfo
{
    public Guid Id { get; set; }
    public Guid WorkItemId { get; set; }
    public RunStatus Status { get; set; }
    /// <summary>The configuration with secrets (an LLM API key) removed, for display.</summary>
    public string ConfigJson { get; set; } = "{}";
    public string? Notes { get; set; }
    public int SourceCount { get; set; }
    public double Progress { get; set; }
    public string? Stage { get; set; }
    public string? Error { get; set; }
    public int? Version { get; set; }
    /// <summary>Per-stage kept/dropped counts and reasons; recorded even when every clip was dropped.</summary>
    public string? StatisticsBlob { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
