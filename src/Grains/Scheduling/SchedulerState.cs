using MedVid.Contracts;
using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Scheduling;

/// <summary>
/// The queue of work items and the registered hosts. Every method is a plain state transition; the grain
/// persists the result and sends what the transition decided.
/// </summary>
public sealed partial class SchedulerState
{
    /// <summary>Host losses after which an item is failed instead of queued again (preemptions do not count).</summary>
    public const int MaxHostLosses = 3;

    /// <summary>Finished items kept for the dashboard's recent activity; older ones are dropped.</summary>
    public const int FinishedItemsKept = 500;

    /// <summary>The most memory per GPU an item may ask for (1024 GB).</summary>
    public const long MaxGpuMemoryMiB = 1024L * 1024;

    public List<WorkItem> Items { get; set; } = [];
    public List<HostEntry> Hosts { get; set; } = [];
    public Dictionary<Guid, int> TeamGpuQuotas { get; set; } = [];

    /// <summary>Team names, for reasons and preemption records users read.</summary>
    public Dictionary<Guid, string> TeamNames { get; set; } = [];

    /// <summary>A team's own minimum runtime before its borrowed work may be preempted (absent: the platform default).</summary>
    public Dictionary<Guid, TimeSpan> TeamMinimumRuntimes { get; set; } = [];

    /// <summary>Adds a work item; enqueueing an id that is already known changes nothing (idempotent).</summary>
    public WorkItem Enqueue(WorkItemRequest request, DateTimeOffset now)
    {
        var existing = Items.FirstOrDefault(i => i.Id == request.Id);
        if (existing is not null) return existing;
        if (!WorkKinds.All.Contains(request.Kind)) throw new InvalidGrainArgumentException($"Unknown work kind '{request.Kind}'.");
        if (request.Gpus is < 0 or > 64) throw new InvalidGrainArgumentException("A work item may ask for 0 to 64 GPUs.");
        if (request.GpuMemoryMiB is < 0 or > MaxGpuMemoryMiB) throw new InvalidGrainArgumentException("A work item may ask for 0 to 1024 GB of memory per GPU.");
        var item = new WorkItem
        {
            Id = request.Id, TeamId = request.TeamId, Kind = request.Kind, PayloadJson = request.PayloadJson, Owner = request.Owner,
            Priority = request.Priority, Gpus = request.Gpus, GpuMemoryMiB = request.Gpus > 0 ? request.GpuMemoryMiB : 0, State = WorkItemState.Queued, EnqueuedAt = now,
        };
        Items.Add(item);
        return item;
    }

    /// <summary>Registers a host or refreshes it; a lost host that heartbeats again is online again.</summary>
    public HostEntry Heartbeat(HostHeartbeat beat, DateTimeOffset now)
    {
        var host = Hosts.FirstOrDefault(h => h.HostId == beat.HostId);
        if (host is null)
        {
            host = new HostEntry { HostId = beat.HostId, RegisteredAt = now };
            Hosts.Add(host);
        }
        host.MachineName = beat.MachineName;
        host.Capacity = beat.Capacity;
        host.Kinds = beat.Kinds.ToList();
        host.LastHeartbeat = now;
        host.Status = HostStatus.Online;
        return host;
    }

    /// <summary>Marks hosts silent for longer than <paramref name="timeout"/> as lost and puts their unfinished work back in the queue.</summary>
    public IReadOnlyList<WorkItem> MarkLostHosts(DateTimeOffset now, TimeSpan timeout)
    {
        var requeued = new List<WorkItem>();
        foreach (var host in Hosts.Where(h => h.Status == HostStatus.Online && now - h.LastHeartbeat > timeout))
        {
            host.Status = HostStatus.Lost;
            foreach (var item in Items.Where(i => i.IsPlaced && i.HostId == host.HostId))
            {
                item.HostLosses++;
                if (item.HostLosses >= MaxHostLosses)
                {
                    Finish(item, WorkItemState.Failed, now, $"host {host.HostId} was lost {item.HostLosses} times while running it");
                    continue;
                }
                Requeue(item, $"requeued: host {host.HostId} was lost");
                requeued.Add(item);
            }
        }
        return requeued;
    }

    /// <summary>Assigns queued items to hosts by <see cref="SchedulingPolicy"/>; each assignment starts a new attempt.</summary>
    public IReadOnlyList<Placement> Dispatch(DateTimeOffset now, bool borrowing = true)
    {
        var placements = SchedulingPolicy.Place(Items, Hosts, TeamGpuQuotas, now, borrowing);
        foreach (var p in placements)
        {
            p.Item.State = WorkItemState.Assigned;
            p.Item.HostId = p.Host.HostId;
            p.Item.GpuIndexes = p.GpuIndexes.ToList();
            p.Item.Attempt++;
            p.Item.AssignedAt = now;
            p.Item.Progress = 0;
            p.Item.Metrics = []; // a new attempt reports its own (a resumed run starts past its checkpoint)
        }
        return placements;
    }

    public bool Started(WorkItemStarted started)
    {
        var item = Current(started.WorkItemId, started.Attempt);
        if (item is null || item.State != WorkItemState.Assigned) return false;
        item.State = WorkItemState.Running;
        item.StartedAt = started.At;
        if (item.Preemptions.Count > 0 && item.Preemptions[^1].ResumedAt is null)
            item.Preemptions[^1] = item.Preemptions[^1] with { ResumedAt = started.At, ResumedOnHost = started.HostId };
        return true;
    }

    public bool Progressed(WorkItemProgressed progress)
    {
        var item = Current(progress.WorkItemId, progress.Attempt);
        // Only a placed item can run: a late report from a lost host (same attempt, item requeued) must not revive it hostless.
        if (item is null || !item.IsPlaced) return false;
        item.State = WorkItemState.Running;
        item.Progress = Math.Clamp(progress.Fraction, 0, 1);
        item.Message = progress.Message;
        if (progress.Training is not null) item.Metrics = new Dictionary<string, double>(progress.Training.ToMetrics());
        return true;
    }

    /// <summary>
    /// A report of this attempt's outcome that was already recorded (a redelivered message): the item, so its owner can be
    /// told again (owners ignore repeats), or null when the item ended otherwise.
    /// </summary>
    public WorkItem? AlreadyRecorded(Guid id, int attempt, params WorkItemState[] outcomes) =>
        Items.FirstOrDefault(i => i.Id == id && i.Attempt == attempt && outcomes.Contains(i.State));

    /// <summary>Records success of the current attempt; a stale attempt or a repeat returns null.</summary>
    public WorkItem? Succeeded(WorkItemSucceeded done)
    {
        var item = Current(done.WorkItemId, done.Attempt);
        if (item is null) return null;
        item.ResultJson = done.ResultJson;
        item.Progress = 1;
        Finish(item, WorkItemState.Succeeded, done.At, null);
        return item;
    }

    /// <summary>Records failure of the current attempt; a stale attempt or a repeat returns null.</summary>
    public WorkItem? Failed(WorkItemFailed failed)
    {
        var item = Current(failed.WorkItemId, failed.Attempt);
        // A lost host's late failure must not fail the item it no longer holds (it was requeued for another host).
        if (item is null || !item.IsPlaced) return null;
        item.ResultJson = failed.ResultJson;
        Finish(item, failed.Cancelled ? WorkItemState.Cancelled : WorkItemState.Failed, failed.At, failed.Error);
        return item;
    }

    /// <summary>Cancels a queued or placed item. Returns the host it was placed on (to tell it to stop), if any.</summary>
    public string? Cancel(Guid id, DateTimeOffset now)
    {
        var item = Require(id);
        if (item.IsTerminal) throw new IllegalTransitionException($"Work item {id} is already {item.State.ToString().ToLowerInvariant()} and cannot be cancelled.");
        var host = item.IsPlaced ? item.HostId : null;
        Finish(item, WorkItemState.Cancelled, now, "cancelled by a user");
        return host;
    }

    public WorkItem Require(Guid id) =>
        Items.FirstOrDefault(i => i.Id == id) ?? throw new EntityNotFoundException($"Work item {id} does not exist.");

    /// <summary>Puts a placed item back in the queue; it keeps its age (EnqueuedAt), so it does not fall behind newer work.</summary>
    private static void Requeue(WorkItem item, string message)
    {
        item.State = WorkItemState.Queued;
        item.HostId = null;
        item.GpuIndexes = [];
        item.Preempting = null;
        item.Message = message;
    }

    private WorkItem? Current(Guid id, int attempt) =>
        Items.FirstOrDefault(i => i.Id == id && i.Attempt == attempt && !i.IsTerminal);

    private void Finish(WorkItem item, WorkItemState state, DateTimeOffset now, string? error)
    {
        item.State = state;
        item.Error = error;
        item.FinishedAt = now;
        item.WaitReason = null;
        item.Preempting = null;
        var finished = Items.Where(i => i.IsTerminal).OrderBy(i => i.FinishedAt).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - FinishedItemsKept))) Items.Remove(old);
    }
}
