namespace MedVid.Grains.Scheduling;

/// <summary>
/// A team's part of the shared GPUs: its guarantee, the GPUs its placed work holds, how many of those are borrowed (beyond
/// the guarantee), how many of its guaranteed GPUs other teams' borrowed work holds (<see cref="Lent"/>), and the GPU
/// items it has waiting with the GPUs they ask for.
/// </summary>
public sealed record TeamShare(Guid TeamId, int Guaranteed, int InUse, int Borrowed, int Lent, int WaitingItems, int WaitingGpus)
{
    /// <summary>
    /// The share of <paramref name="teamId"/>. Borrowed GPUs are not tied to a lender, so a team counts as having lent
    /// its idle guarantee up to what other teams borrow in all: when several teams leave GPUs idle, each sees the whole
    /// borrowed amount against its own idle part.
    /// </summary>
    public static TeamShare Of(Guid teamId, IReadOnlyList<WorkItem> items, IReadOnlyDictionary<Guid, int> quotas)
    {
        var inUse = SchedulingPolicy.GpusInUse(items);
        var guaranteed = quotas.GetValueOrDefault(teamId);
        var used = inUse.GetValueOrDefault(teamId);
        var borrowedByOthers = inUse.Where(t => t.Key != teamId).Sum(t => Math.Max(0, t.Value - quotas.GetValueOrDefault(t.Key)));
        var waiting = items.Where(i => i.TeamId == teamId && i.State == WorkItemState.Queued && i.Gpus > 0).ToList();
        return new TeamShare(teamId, guaranteed, used, Math.Max(0, used - guaranteed), Math.Min(Math.Max(0, guaranteed - used), borrowedByOthers),
            waiting.Count, waiting.Sum(i => i.Gpus));
    }
}
