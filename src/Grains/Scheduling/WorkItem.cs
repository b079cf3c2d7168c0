using System.Text.Json.Serialization;

namespace MedVid.Grains.Scheduling;

public enum WorkItemState
{
    Queued,
    Assigned,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>Which grain owns a work item; <see cref="WorkOwner.SubId"/> names the video or the curation inside a dataset.</summary>
public enum WorkOwnerKind
{
    /// <summary>A video being ingested into a dataset (SubId: the video).</summary>
    DatasetVideo,

    /// <summary>A curation of a dataset into a new version (SubId: the curation); stored as "Dataset" before it was renamed.</summary>
    Curation,

    TrainingRun,
    GenerationJob,
    ExportRun,
    Evaluation,
}

/// <summary>The grain that asked for a work item and is told its outcome (e.g. the dataset of an ingested video).</summary>
public sealed record WorkOwner([property: JsonConverter(typeof(WorkOwnerKindJsonConverter))] WorkOwnerKind Kind, Guid Id, Guid? SubId = null);

/// <summary>What a caller asks the scheduler to run; <paramref name="GpuMemoryMiB"/> is the memory each of its GPUs needs (0: any).</summary>
public sealed record WorkItemRequest(Guid Id, Guid TeamId, string Kind, string PayloadJson, WorkOwner Owner, int Priority, int Gpus, long GpuMemoryMiB = 0);

/// <summary>A unit of work in the scheduler's queue, from queued to a terminal state.</summary>
public sealed class WorkItem
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public string Kind { get; set; } = "";
    public string PayloadJson { get; set; } = "";
    public WorkOwner Owner { get; set; } = new(WorkOwnerKind.Curation, Guid.Empty);
    public int Priority { get; set; }
    public int Gpus { get; set; }

    /// <summary>Memory each of its GPUs must have, in MiB (0: any GPU).</summary>
    public long GpuMemoryMiB { get; set; }

    public WorkItemState State { get; set; }
    public int Attempt { get; set; }
    public string? HostId { get; set; }
    public List<int> GpuIndexes { get; set; } = [];
    public double Progress { get; set; }
    public string? Message { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = [];
    public string? WaitReason { get; set; }
    public string? Error { get; set; }
    public string? ResultJson { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Host losses while it ran (preemptions do not count): after <see cref="SchedulerState.MaxHostLosses"/> it fails.</summary>
    public int HostLosses { get; set; }

    /// <summary>
    /// While queued: the host a reclaim plan frees for this item (its team is within its guarantee). Borrowing work of
    /// other teams is not placed there meanwhile, so GPUs freed for it are not taken again by new borrowed work.
    /// </summary>
    public string? ReservedHostId { get; set; }

    /// <summary>Set while the scheduler waits for the host to give back this item's GPUs.</summary>
    public PendingPreemption? Preempting { get; set; }

    /// <summary>Every time this item gave back its GPUs, oldest first.</summary>
    public List<PreemptionRecord> Preemptions { get; set; } = [];

    public bool IsTerminal => State is WorkItemState.Succeeded or WorkItemState.Failed or WorkItemState.Cancelled;

    public bool IsPlaced => State is WorkItemState.Assigned or WorkItemState.Running;
}
