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
/// <item>The waiting item needs its GPUs on one host. On a host the plan takes the fewest items, and among
/// sets of that size the lowest-priority and newest ones. Among hosts it prefers a plan that can act now,
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
                .Where(i => i.TeamId != waiting.TeamId && borrowed.GetValueOrDefault(i.TeamId) > 0 && i.Preemptions.Count < MaxPreemptionsPerItem)
                .OrderBy(i => i.Priority)
                .ThenByDescending(Started)
                .ThenByDescending(i => i.EnqueuedAt)
                .ThenBy(i => i.Id)
                .ToList();
            var victims = SmallestSufficientSet(candidates.Where(c => Frees(c) > 0).ToList(), waiting.Gpus - free, borrowed, Frees);
            if (victims is null) continue;
            var ready = victims.Select(v => Started(v) + minimumRuntime(v.TeamId)).Max();
            var notBefore = ready <= now ? (DateTimeOffset?)null : ready;
            var choice = new HostChoice(notBefore ?? now, victims.Count, victims.Max(v => v.Priority), victims.Sum(v => LostMinutes(v, now)), host.HostId);
            if (bestChoice is not null && choice.CompareTo(bestChoice) >= 0) continue;
            bestChoice = choice;
            best = new ReclaimPlan(host.HostId, victims, notBefore, Describe(victims, host, notBefore, teamName));
        }
        return best;
    }

    private static DateTimeOffset Started(WorkItem item) => item.StartedAt ?? item.AssignedAt ?? item.EnqueuedAt;

    private static double LostMinutes(WorkItem item, DateTimeOffset now) => (now - Started(item)).TotalMinutes * item.Gpus;

    /// <summary>
    /// The fewest candidates whose suitable GPUs (<paramref name="frees"/>) cover <paramref name="needed"/> without taking more from a team than it
    /// borrowed; among sets of that size the one whose members come earliest in the candidates' order. A host
    /// has at most a few items, so the subsets are enumerated.
    /// </summary>
    private static List<WorkItem>? SmallestSufficientSet(List<WorkItem> candidates, int needed, Dictionary<Guid, int> borrowed, Func<WorkItem, int> frees)
    {
        if (candidates.Count > 16) candidates = candidates.Take(16).ToList();
        List<WorkItem>? best = null;
        int[]? bestRanks = null;
        for (var mask = 1; mask < 1 << candidates.Count; mask++)
        {
            var set = candidates.Where((_, index) => (mask & (1 << index)) != 0).ToList();
            if (set.Sum(frees) < needed) continue;
            if (set.GroupBy(v => v.TeamId).Any(g => g.Sum(v => v.Gpus) > borrowed[g.Key])) continue;
            var ranks = set.Select(v => candidates.IndexOf(v)).ToArray();
            if (best is not null && (set.Count > best.Count || set.Count == best.Count && CompareRanks(ranks, bestRanks!) >= 0)) continue;
            best = set;
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

    private static string Describe(IReadOnlyList<WorkItem> victims, HostEntry host, DateTimeOffset? notBefore, Func<Guid, string> teamName)
    {
        var gpus = victims.Sum(v => v.Gpus);
        var teams = string.Join(", ", victims.Select(v => v.TeamId).Distinct().Select(t => $"team {teamName(t)}"));
        return notBefore is null
            ? $"reclaiming {gpus} borrowed GPU(s) on {host.MachineName} from {teams}"
            : $"{gpus} borrowed GPU(s) on {host.MachineName} will be reclaimed from {teams} when their minimum runtime ends at {notBefore.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
    }

    /// <summary>How one host's plan ranks against another's (smaller is better).</summary>
    private sealed record HostChoice(DateTimeOffset ActsAt, int Victims, int HighestPriority, double LostGpuMinutes, string HostId)
        : IComparable<HostChoice>
    {
        public int CompareTo(HostChoice? other)
        {
            if (other is null) return -1;
            var order = ActsAt.CompareTo(other.ActsAt);
            if (order == 0) order = Victims.CompareTo(other.Victims);
            if (order == 0) order = HighestPriority.CompareTo(other.HighestPriority);
            if (order == 0) order = LostGpuMinutes.CompareTo(other.LostGpuMinutes);
            return order != 0 ? order : string.CompareOrdinal(HostId, other.HostId);
        }
    }
}
