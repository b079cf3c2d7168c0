namespace MedVid.Grains.Scheduling;

/// <summary>
/// The items as they will be once the preemptions already asked for are done: each victim back in the queue and the item
/// it makes room for placed on its host. Planning against this view keeps a second waiting item from taking the same
/// borrowed GPUs again, and counts a team's pending reclaims against its guarantee. Copies only; the state is untouched.
/// </summary>
public static class ReclaimProjection
{
    public static IReadOnlyList<WorkItem> AfterPendingPreemptions(IReadOnlyList<WorkItem> items)
    {
        var pending = items.Where(i => i.IsPlaced && i.Preempting is not null).ToList();
        if (pending.Count == 0) return items;
        var hostFor = pending.GroupBy(v => v.Preempting!.ForWorkItemId).ToDictionary(g => g.Key, g => g.First().HostId);
        return items.Select(i =>
            i.IsPlaced && i.Preempting is not null ? Copy(i, WorkItemState.Queued, null)
            : i.State == WorkItemState.Queued && hostFor.TryGetValue(i.Id, out var host) ? Copy(i, WorkItemState.Assigned, host)
            : i).ToList();
    }

    private static WorkItem Copy(WorkItem item, WorkItemState state, string? hostId) => new()
    {
        Id = item.Id, TeamId = item.TeamId, Kind = item.Kind, Priority = item.Priority, Gpus = item.Gpus, State = state, HostId = hostId,
        EnqueuedAt = item.EnqueuedAt, AssignedAt = item.AssignedAt, StartedAt = item.StartedAt, Attempt = item.Attempt,
    };
}
