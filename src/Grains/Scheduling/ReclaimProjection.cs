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
        var freedFor = pending.GroupBy(v => v.Preempting!.ForWorkItemId)
            .ToDictionary(g => g.Key, g => (g.First().HostId, Gpus: g.SelectMany(v => v.GpuIndexes).ToList()));
        return items.Select(i =>
            i.IsPlaced && i.Preempting is not null ? Copy(i, WorkItemState.Queued, null, [])
            : i.State == WorkItemState.Queued && freedFor.TryGetValue(i.Id, out var freed) ? Copy(i, WorkItemState.Assigned, freed.HostId, freed.Gpus.Take(i.Gpus).ToList())
            : i).ToList();
    }

    private static WorkItem Copy(WorkItem item, WorkItemState state, string? hostId, List<int> gpuIndexes) => new()
    {
        Id = item.Id, TeamId = item.TeamId, Kind = item.Kind, Priority = item.Priority, Gpus = item.Gpus, GpuMemoryMiB = item.GpuMemoryMiB,
        State = state, HostId = hostId, GpuIndexes = gpuIndexes, EnqueuedAt = item.EnqueuedAt, AssignedAt = item.AssignedAt,
        StartedAt = item.StartedAt, Attempt = item.Attempt,
    };
}
