using MedVid.Contracts;
using MedVid.Grains.Abstractions;

using Orleans;

namespace MedVid.Grains.Scheduling;

/// <summary>The single scheduler (key <see cref="SchedulerGrain.Id"/>): owns the work queue and the registered hosts.</summary>
public interface ISchedulerGrain : IGrainWithGuidKey
{
    /// <summary>Queues a work item (idempotent by id) and places what can run now.</summary>
    Task<WorkItemView> EnqueueAsync(WorkItemRequest request);

    /// <summary>Registers or refreshes a host and places what can run on it.</summary>
    Task HeartbeatAsync(HostHeartbeat heartbeat);

    /// <summary>Marks silent hosts lost, requeues their work, re-sends assignments a host never acknowledged, and places work.</summary>
    Task CheckHostsAsync(TimeSpan heartbeatTimeout, TimeSpan unacknowledgedAfter);

    Task ReportStartedAsync(WorkItemStarted started);

    /// <summary>Records progress; returns the item, or null for a stale attempt or a finished item.</summary>
    Task<WorkItemView?> ReportProgressAsync(WorkItemProgressed progress);

    /// <summary>Records success; returns the item (also for a repeated message, so its owner is told again), or null for a stale attempt.</summary>
    Task<WorkItemView?> ReportSucceededAsync(WorkItemSucceeded succeeded);

    /// <summary>Records failure; returns the item (also for a repeated message, so its owner is told again), or null for a stale attempt.</summary>
    Task<WorkItemView?> ReportFailedAsync(WorkItemFailed failed);

    /// <summary>Cancels an item of the given team; refused when it already finished.</summary>
    Task<WorkItemView> CancelAsync(Guid workItemId, Guid teamId);

    /// <summary>An item of the given team; "not found" for other teams' items.</summary>
    Task<WorkItemView> GetAsync(Guid workItemId, Guid teamId);

    /// <summary>The team's items, newest first, with each queued item's position and the reason it waits.</summary>
    Task<IReadOnlyList<WorkItemView>> ListAsync(Guid teamId);

    Task<IReadOnlyList<HostView>> ListHostsAsync();

    /// <summary>The team's guaranteed, used, borrowed and lent GPUs and its waiting GPU work.</summary>
    Task<TeamShare> GetTeamShareAsync(Guid teamId);

    /// <summary>Records a team's name, guaranteed GPUs and minimum runtime before preemption, and places what that allows.</summary>
    Task SetTeamAsync(TeamScheduling team);

    /// <summary>Records that a host gave back a preempted item's GPUs; returns the item, or null for a stale or repeated report.</summary>
    Task<WorkItemView?> ReportPreemptedAsync(WorkItemPreempted preempted);
}

/// <summary>What the scheduler knows of a team: <paramref name="MinimumRuntime"/> null means the platform default.</summary>
public sealed record TeamScheduling(Guid TeamId, string Name, int GpuQuota, TimeSpan? MinimumRuntime);

public sealed record WorkItemView(
    Guid Id, Guid TeamId, string Kind, WorkOwner Owner, int Priority, int Gpus, WorkItemState State, int Attempt, string? HostId,
    double Progress, string? Message, IReadOnlyDictionary<string, double> Metrics, int? QueuePosition, string? WaitReason,
    string? Error, string? ResultJson, DateTimeOffset EnqueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<PreemptionRecord> Preemptions);

public sealed record HostView(
    string HostId, string MachineName, HostStatus Status, int CpuCores, int CpuSlots, IReadOnlyList<GpuInfo> Gpus,
    IReadOnlyList<string> Kinds, DateTimeOffset LastHeartbeat, int RunningItems);
