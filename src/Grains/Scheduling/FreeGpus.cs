namespace MedVid.Grains.Scheduling;

/// <summary>
/// The free GPUs of some hosts (those no placed item holds), for asking whether work moved off another host would fit
/// on them at once. Placement is best fit, as <see cref="SchedulingPolicy"/> places: largest item first, onto the host
/// with the fewest free suitable GPUs that still has enough.
/// </summary>
public sealed class FreeGpus
{
    private readonly IReadOnlyList<HostEntry> _hosts;
    private readonly Dictionary<string, HashSet<int>> _free;

    public FreeGpus(IReadOnlyList<HostEntry> hosts, IEnumerable<WorkItem> items)
    {
        _hosts = hosts;
        _free = hosts.ToDictionary(h => h.HostId, h => h.Capacity.Gpus.Select(g => g.Index).ToHashSet());
        foreach (var placed in items.Where(i => i.IsPlaced && i.Gpus > 0 && i.HostId is not null))
            if (_free.TryGetValue(placed.HostId!, out var free)) free.ExceptWith(placed.GpuIndexes);
    }

    /// <summary>Whether every one of <paramref name="moved"/> finds GPUs at the same time (nothing is taken).</summary>
    public bool FitAll(IReadOnlyList<WorkItem> moved)
    {
        var free = _free.ToDictionary(f => f.Key, f => new HashSet<int>(f.Value));
        foreach (var item in moved.OrderByDescending(m => m.Gpus).ThenBy(m => m.Id))
        {
            var target = _hosts.Where(h => h.Kinds.Contains(item.Kind))
                .Select(h => (h.HostId, Free: SchedulingPolicy.SuitableGpus(h, item).Where(free[h.HostId].Contains).ToList()))
                .Where(c => c.Free.Count >= item.Gpus)
                .OrderBy(c => c.Free.Count).ThenBy(c => c.HostId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (target.HostId is null) return false;
            free[target.HostId].ExceptWith(target.Free.Take(item.Gpus));
        }
        return true;
    }
}
