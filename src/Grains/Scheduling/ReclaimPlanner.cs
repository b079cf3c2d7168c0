namespace MedVid.Grains.Scheduling;

/// <summary>
/// Reclaim by preemption, as Kueue's reclaimWithinCohort and Slurm's PreemptMode=REQUEUE do it: a team
/// whose waiting GPU item fits inside its guaranteed quota takes back GPUs that other teams borrowed.
/// <list type="bullet">
/// <item>Only borrowed GPUs are taken: a victim team keeps at least its own quota, so a team within its
/// guarantee is never preempted, and the team that reclaimed is then within its guarantee too; two teams
/// therefore cannot keep preempting each other.</item>
/// <item>Work younger than the victim team's minimum runtime is not preempted; the plan then says when it
/// can be. Work preempted <see cref="MaxPreemptionsPerItem"/> times is not preempted again.</item>
/// <item>The waiting item needs its GPUs on one host. When borrowed GPUs are spread over hosts so that no
/// host can be freed from borrowed work alone, the plan may also move work of a team within its guarantee
/// (defragmenting): such an item is preempted only if it fits at once on free GPUs of other hosts, so its
/// team keeps its share and only pays a restart from the checkpoint.</item>
/// <item>On a host the plan moves the fewest items, then takes the fewest, and among sets of that size the
/// lowest-priority and newest ones. Among hosts it prefers a plan that can act now, then the fewest moved,
/// then the fewest items, then the lowest priority, then the fewest GPU-minutes lost; ties fall to ids, so
/// the same state always gives the same plan.</item>
/// </list>
/// </summary>
public static class ReclaimPlanner
{
    /// <summary>
    /// An item preempted this many times is not preempted again: it runs to its end like work within a guarantee, so
    /// a long borrowed job cannot be hit by one team's reclaim after another without bound.
    /// </summary>
    public const int MaxPreemptionsPerItem = 3;

    public static ReclaimPlan? Plan(
        WorkItem waiting,
        IReadOnlyList<WorkItem> items,
        IReadOnlyList<HostEntry> hosts,
        IReadOnlyDictionary<Guid, int> quotas,
        Func<Guid, TimeSpan> minimumRuntime,
        Func<Guid, string> teamName,
        DateTimeOffset now)
    {
        if (waiting.Gpus <= 0) return null;
        var used = SchedulingPolicy.GpusInUse(items);
        if (used.GetValueOrDefault(waiting.TeamId) + waiting.Gpus > quotas.GetValueOrDefault(waiting.TeamId)) return null;

        var borrowed = used.ToDictionary(u => u.Key, u => Math.Max(0, u.Value - quotas.GetValueOrDefault(u.Key)));
        ReclaimPlan? best = null;
        HostChoice? bestChoice = null;
        foreach (var host in hosts.Where(h => h.Status == HostStatus.Online && h.Kinds.Contains(waiting.Kind)))
        {
            var suitable = SchedulingPolicy.SuitableGpus(host, waiting).ToHashSet();
            if (suitable.Count < waiting.Gpus) continue;
            var onHost = items.Where(i => i.IsPlaced && i.Gpus > 0 && i.HostId == host.HostId).ToList();
            // Only GPUs with the memory the waiting item needs count, free ones and those a victim would give back.
            int Frees(WorkItem victim) => victim.GpuIndexes.Count(suitable.Contains);
            var free = suitable.Count - onHost.Sum(Frees);
            if (free >= waiting.Gpus) return null; // it fits without preempting anyone
            var candidates = onHost
                .Where(i => i.TeamId != waiting.TeamId && i.Preemptions.Count < MaxPreemptionsPerItem && Frees(i) > 0)
                .OrderBy(i => borrowed.GetValueOrDefault(i.TeamId) > 0 ? 0 : 1)
                .ThenBy(i => i.Priority)
                .ThenByDescending(Started)
                .ThenByDescending(i => i.EnqueuedAt)
                .ThenBy(i => i.Id)
                .ToList();
            var freeElsewhere = new FreeGpus(hosts.Where(h => h.Status == HostStatus.Online && h.HostId != host.HostId).ToList(), items);
            var set = SmallestSufficientSet(candidates, waiting.Gpus - free, borrowed, Frees, freeElsewhere.FitAll);
            if (set is not var (victims, moved)) continue;
            var ready = victims.Select(v => Started(v) + minimumRuntime(v.TeamId)).Max();
            var notBefore = ready <= now ? (DateTimeOffset?)null : ready;
            var choice = new HostChoice(notBefore ?? now, moved.Count, victims.Count, victims.Max(v => v.Priority), victims.Sum(v => LostMinutes(v, now)), host.HostId);
            if (bestChoice is not null && choice.CompareTo(bestChoice) >= 0) continue;
            bestChoice = choice;
            best = new ReclaimPlan(host.HostId, victims, notBefore, Describe(victims, moved, host, notBefore, teamName));
        }
        return best;
    }

    private static DateTimeOffset Started(WorkItem item) => item.StartedAt ?? item.AssignedAt ?? item.EnqueuedAt;

    private static double LostMinutes(WorkItem item, DateTimeOffset now) => (now - Started(item)).TotalMinutes * item.Gpus;

    /// <summary>
    /// The candidates whose suitable GPUs (<paramref name="frees"/>) cover <paramref name="needed"/>: from each team no more
    /// than it borrowed, unless all of that team's victims fit on other hosts (<paramref name="fitElsewhere"/>; they are
    /// then moved). The fewest moved, then the fewest taken; among those, the set whose members come earliest in the
    /// candidates' order. A host has at most a few items, so the subsets are enumerated.
    /// </summary>
    private static (List<WorkItem> Victims, List<WorkItem> Moved)? SmallestSufficientSet(
        List<WorkItem> candidates, int needed, Dictionary<Guid, int> borrowed, Func<WorkItem, int> frees, Func<IReadOnlyList<WorkItem>, bool> fitElsewhere)
    {
        if (candidates.Count > 16) candidates = candidates.Take(16).ToList();
        (List<WorkItem> Victims, List<WorkItem> Moved)? best = null;
        int[]? bestRanks = null;
        for (var mask = 1; mask < 1 << candidates.Count; mask++)
        {
            var set = candidates.Where((_, index) => (mask & (1 << index)) != 0).ToList();
            if (set.Sum(frees) < needed) continue;
            var moved = set.GroupBy(v => v.TeamId).Where(g => g.Sum(v => v.Gpus) > borrowed.GetValueOrDefault(g.Key)).SelectMany(g => g).ToList();
            if (best is { } b && (moved.Count > b.Moved.Count || moved.Count == b.Moved.Count && set.Count > b.Victims.Count)) continue;
            var ranks = set.Select(v => candidates.IndexOf(v)).ToArray();
            if (best is { } c && moved.Count == c.Moved.Count && set.Count == c.Victims.Count && CompareRanks(ranks, bestRanks!) >= 0) continue;
            if (moved.Count > 0 && !fitElsewhere(moved)) continue;
            best = (set, moved);
            bestRanks = ranks;
        }
        return best;
    }

    private static int CompareRanks(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }

    private static string Describe(IReadOnlyList<WorkItem> victims, IReadOnlyList<WorkItem> moved, HostEntry host, DateTimeOffset? notBefore, Func<Guid, string> teamName)
    {
        string Teams(IEnumerable<WorkItem> items) => string.Join(", ", items.Select(v => v.TeamId).Distinct().Select(t => $"team {teamName(t)}"));
        var taken = victims.Except(moved).ToList();
        var when = notBefore is null ? "" : $" when their minimum runtime ends at {notBefore.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        var parts = new List<string>();
        if (taken.Count > 0)
            parts.Add(notBefore is null
                ? $"reclaiming {taken.Sum(v => v.Gpus)} borrowed GPU(s) on {host.MachineName} from {Teams(taken)}"
                : $"{taken.Sum(v => v.Gpus)} borrowed GPU(s) on {host.MachineName} will be reclaimed from {Teams(taken)}");
        if (moved.Count > 0)
            parts.Add(notBefore is null
                ? $"moving work of {Teams(moved)} ({moved.Sum(v => v.Gpus)} GPU(s)) from {host.MachineName} to free GPUs on other hosts"
                : $"work of {Teams(moved)} ({moved.Sum(v => v.Gpus)} GPU(s)) will move from {host.MachineName} to free GPUs on other hosts");
        return string.Join("; ", parts) + when;
    }

    /// <summary>How one host's plan ranks against another's (smaller is better).</summary>
    private sealed record HostChoice(DateTimeOffset ActsAt, int Moved, int Victims, int HighestPriority, double LostGpuMinutes, string HostId)
        : IComparable<HostChoice>
    {
        public int CompareTo(HostChoice? other)
        {
            if (other is null) return -1;
            var order = ActsAt.CompareTo(other.ActsAt);
            if (order == 0) order = Moved.CompareTo(other.Moved);
            if (order == 0) order = Victims.CompareTo(other.Victims);
            if (order == 0) order = HighestPriority.CompareTo(other.HighestPriority);
            if (order == 0) order = LostGpuMinutes.CompareTo(other.LostGpuMinutes);
            return order != 0 ? order : string.CompareOrdinal(HostId, other.HostId);
        }
    }
}
