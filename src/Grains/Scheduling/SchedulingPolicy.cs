namespace MedVid.Grains.Scheduling;

/// <summary>
/// Decides which queued work item runs on which online host. Plain logic over the scheduler's state:
/// <list type="number">
/// <item>GPU items of teams within their GPU quota go first, by aged priority, then first come first served;</item>
/// <item>a team at or above its quota may still use GPUs nobody within quota is waiting for (borrowing), shared
/// between borrowing teams by weighted fair share (<see cref="QueueOrder"/>);</item>
/// <item>CPU items (no GPU) need one free CPU slot of a host that runs their kind.</item>
/// </list>
/// A host reserved by a reclaim plan (<see cref="WorkItem.ReservedHostId"/>) takes no borrowing work of another team.
/// Every item left in the queue gets a reason it waits.
/// </summary>
public static class SchedulingPolicy
{
    public static IReadOnlyList<Placement> Place(
        IReadOnlyList<WorkItem> items, IReadOnlyList<HostEntry> hosts, IReadOnlyDictionary<Guid, int> quotas, DateTimeOffset now, bool borrowing = true)
    {
        var online = hosts.Where(h => h.Status == HostStatus.Online).ToList();
        var freeGpus = online.ToDictionary(h => h.HostId, h => h.Capacity.Gpus.Select(g => g.Index).ToHashSet());
        var freeSlots = online.ToDictionary(h => h.HostId, h => h.Capacity.CpuSlots);
        foreach (var placed in items.Where(i => i.IsPlaced && i.HostId is not null))
        {
            if (placed.Gpus == 0)
            {
                if (freeSlots.ContainsKey(placed.HostId!)) freeSlots[placed.HostId!]--;
                continue;
            }
            if (freeGpus.TryGetValue(placed.HostId!, out var free)) free.ExceptWith(placed.GpuIndexes);
        }

        var placements = new List<Placement>();
        var gpusInUse = GpusInUse(items);
        var reservedBy = items.Where(i => i.State == WorkItemState.Queued && i.ReservedHostId is not null)
            .GroupBy(i => i.ReservedHostId!).ToDictionary(g => g.Key, g => g.Select(i => i.TeamId).ToHashSet());
        foreach (var item in QueueOrder(items, quotas, now))
        {
            var capable = online.Where(h => h.Kinds.Contains(item.Kind)).ToList();
            if (capable.Count == 0)
            {
                item.WaitReason = $"no online host runs '{item.Kind}' work";
                continue;
            }
            var teamInUse = gpusInUse.GetValueOrDefault(item.TeamId);
            if (!borrowing && item.Gpus > 0 && teamInUse + item.Gpus > quotas.GetValueOrDefault(item.TeamId))
            {
                item.WaitReason = $"its team uses {teamInUse} of its {quotas.GetValueOrDefault(item.TeamId)} guaranteed GPU(s), and borrowing is off";
                continue;
            }
            var borrows = item.Gpus > 0 && teamInUse + item.Gpus > quotas.GetValueOrDefault(item.TeamId);
            var open = borrows ? capable.Where(h => !reservedBy.TryGetValue(h.HostId, out var teams) || teams.Contains(item.TeamId)).ToList() : capable;
            var placement = item.Gpus == 0 ? PlaceOnCpu(item, capable, freeSlots) : PlaceOnGpus(item, open, freeGpus);
            if (placement is null)
            {
                item.WaitReason = item.Gpus == 0
                    ? "waiting for a free CPU slot"
                    : capable.Any(h => SuitableGpus(h, item).Count() >= item.Gpus)
                        ? WaitingForGpus(item, gpusInUse.GetValueOrDefault(item.TeamId), quotas.GetValueOrDefault(item.TeamId))
                          + (open.Count < capable.Count ? ReservedHostsNote : "")
                        : item.GpuMemoryMiB > 0
                            ? $"no online host has {item.Gpus} GPU(s) with {GiB(item.GpuMemoryMiB)} GB of memory or more"
                            : $"no online host has {item.Gpus} GPU(s)";
                continue;
            }
            item.WaitReason = null;
            item.ReservedHostId = null;
            if (item.Gpus > 0) gpusInUse[item.TeamId] = gpusInUse.GetValueOrDefault(item.TeamId) + item.Gpus; // for later reasons only
            placements.Add(placement);
        }
        return placements;
    }

    /// <summary>Added to the wait reason of borrowing work kept off hosts that reclaim plans reserve.</summary>
    public const string ReservedHostsNote = "; hosts being freed for teams within their guarantee take no borrowed work";

    /// <summary>A queued item gains one priority level for every this long it waited (aging), so nothing starves.</summary>
    public static readonly TimeSpan AgingStep = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The queued items in the order <see cref="Place"/> considers them, which is also the queue position users are
    /// shown (position = index + 1). A team's quota class is fixed by the GPUs its placed items hold before this pass.
    /// <list type="number">
    /// <item>Items within their team's guarantee (and CPU items): by aged priority, then age.</item>
    /// <item>Borrowing items, by weighted fair share: next comes the team whose borrowed GPUs (held, plus those ordered
    /// before in this pass) per unit of weight are fewest, the weight being its quota (at least 1); ties go to the team
    /// whose next item waited longest. Within a team: aged priority, then age.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<WorkItem> QueueOrder(IReadOnlyList<WorkItem> items, IReadOnlyDictionary<Guid, int> quotas, DateTimeOffset now)
    {
        var gpusInUse = GpusInUse(items);
        var queued = items.Where(i => i.State == WorkItemState.Queued).ToList();
        bool Borrowing(WorkItem i) => i.Gpus > 0 && gpusInUse.GetValueOrDefault(i.TeamId) + i.Gpus > quotas.GetValueOrDefault(i.TeamId);
        var order = InTeamOrder(queued.Where(i => !Borrowing(i)), now).ToList();

        var waiting = queued.Where(Borrowing).GroupBy(i => i.TeamId).ToDictionary(g => g.Key, g => new Queue<WorkItem>(InTeamOrder(g, now)));
        var borrowed = waiting.Keys.ToDictionary(t => t, t => (double)Math.Max(0, gpusInUse.GetValueOrDefault(t) - quotas.GetValueOrDefault(t)));
        while (waiting.Count > 0)
        {
            var team = waiting.Keys
                .OrderBy(t => borrowed[t] / Math.Max(1, quotas.GetValueOrDefault(t)))
                .ThenBy(t => waiting[t].Peek().EnqueuedAt)
                .ThenBy(t => t)
                .First();
            var next = waiting[team].Dequeue();
            order.Add(next);
            borrowed[team] += next.Gpus;
            if (waiting[team].Count == 0) waiting.Remove(team);
        }
        return order;
    }

    /// <summary>Priority plus one level per <see cref="AgingStep"/> waited.</summary>
    public static int AgedPriority(WorkItem item, DateTimeOffset now) =>
        item.Priority + (int)Math.Max(0, (now - item.EnqueuedAt) / AgingStep);

    private static IEnumerable<WorkItem> InTeamOrder(IEnumerable<WorkItem> items, DateTimeOffset now) =>
        items.OrderByDescending(i => AgedPriority(i, now)).ThenBy(i => i.EnqueuedAt).ThenBy(i => i.Id);

    /// <summary>GPUs each team's placed items hold.</summary>
    public static Dictionary<Guid, int> GpusInUse(IEnumerable<WorkItem> items) =>
        items.Where(i => i.IsPlaced && i.Gpus > 0).GroupBy(i => i.TeamId).ToDictionary(g => g.Key, g => g.Sum(i => i.Gpus));

    /// <summary>Why a GPU item that some host could hold waits, given the GPUs its team holds and is guaranteed.</summary>
    public static string WaitingForGpus(WorkItem item, int teamInUse, int teamQuota) =>
        teamInUse + item.Gpus > teamQuota
            ? $"its team uses {teamInUse} of its {teamQuota} guaranteed GPU(s): waits for {item.Gpus} idle GPU(s) on one host to borrow"
            : $"waiting for {item.Gpus} free GPU(s) on one host";

    private static Placement? PlaceOnCpu(WorkItem item, List<HostEntry> capable, Dictionary<string, int> freeSlots)
    {
        var host = capable.Where(h => freeSlots[h.HostId] > 0).OrderByDescending(h => freeSlots[h.HostId]).FirstOrDefault();
        if (host is null) return null;
        freeSlots[host.HostId]--;
        return new Placement(item, host, []);
    }

    /// <summary>The host's GPUs with at least the memory the item asks for (all of them when it asks for none).</summary>
    public static IEnumerable<int> SuitableGpus(HostEntry host, WorkItem item) =>
        host.Capacity.Gpus.Where(g => g.MemoryMiB >= item.GpuMemoryMiB).Select(g => g.Index);

    private static string GiB(long mib) => (mib / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static Placement? PlaceOnGpus(WorkItem item, List<HostEntry> capable, Dictionary<string, HashSet<int>> freeGpus)
    {
        // Best fit: the host with the fewest free suitable GPUs that still has enough keeps large hosts (and large GPUs)
        // free for large jobs; among equals, the smallest GPUs that fit.
        var fits = capable
            .Select(h => (Host: h, Free: SuitableGpus(h, item).Where(freeGpus[h.HostId].Contains).ToList()))
            .Where(c => c.Free.Count >= item.Gpus)
            .OrderBy(c => c.Free.Count)
            .FirstOrDefault();
        if (fits.Host is null) return null;
        var memory = fits.Host.Capacity.Gpus.ToDictionary(g => g.Index, g => g.MemoryMiB);
        var chosen = fits.Free.OrderBy(i => memory[i]).ThenBy(i => i).Take(item.Gpus).Order().ToList();
        freeGpus[fits.Host.HostId].ExceptWith(chosen);
        return new Placement(item, fits.Host, chosen);
    }
}
