using MedVid.Contracts;

namespace MedVid.Grains.Scheduling;

/// <summary>Reclaim by preemption: asking hosts for borrowed GPUs back, and what happens when they answer or do not.</summary>
public sealed partial class SchedulerState
{
    /// <summary>
    /// For every queued GPU item, in queue order, that could not be placed and whose team is within its guarantee: plans
    /// a reclaim (<see cref="ReclaimPlanner"/>) against the state as it will be once the preemptions already asked for are
    /// done, reserves the plan's host for it (<see cref="WorkItem.ReservedHostId"/>), and says in the item's wait reason
    /// what will happen. With <paramref name="apply"/> the victims of plans
    /// that can act now are marked; they are returned so the grain can send the notices. Without it only the reasons
    /// are refreshed (for listings).
    /// </summary>
    public IReadOnlyList<WorkItem> Reclaim(DateTimeOffset now, TimeSpan defaultMinimumRuntime, bool apply)
    {
        var victims = new List<WorkItem>();
        var reclaimingFor = Items.Where(i => i.Preempting is not null).GroupBy(i => i.Preempting!.ForWorkItemId)
            .ToDictionary(g => g.Key, g => g.First().Preempting!.Reason);
        var projected = ReclaimProjection.AfterPendingPreemptions(Items);
        foreach (var queued in Items.Where(i => i.State == WorkItemState.Queued && !reclaimingFor.ContainsKey(i.Id))) queued.ReservedHostId = null;
        foreach (var waiting in SchedulingPolicy.QueueOrder(Items, TeamGpuQuotas, now).Where(i => i.Gpus > 0))
        {
            if (reclaimingFor.TryGetValue(waiting.Id, out var pending))
            {
                waiting.WaitReason = pending;
                continue;
            }
            // With no borrowed GPU left there is nothing to reclaim for anyone (and a long queue costs nothing more).
            if (!SchedulingPolicy.GpusInUse(projected).Any(t => t.Value > TeamGpuQuotas.GetValueOrDefault(t.Key))) break;
            var plan = ReclaimPlanner.Plan(waiting, projected, Hosts, TeamGpuQuotas,
                team => TeamMinimumRuntimes.TryGetValue(team, out var own) ? own : defaultMinimumRuntime, TeamName, now);
            var used = SchedulingPolicy.GpusInUse(projected).GetValueOrDefault(waiting.TeamId);
            if (plan is null)
            {
                // GPUs being reclaimed for the team's other items count as its own.
                if (Hosts.Any(h => h.Status == HostStatus.Online && h.Kinds.Contains(waiting.Kind) && SchedulingPolicy.SuitableGpus(h, waiting).Count() >= waiting.Gpus))
                    waiting.WaitReason = SchedulingPolicy.WaitingForGpus(waiting, used, TeamGpuQuotas.GetValueOrDefault(waiting.TeamId))
                        + (waiting.WaitReason?.EndsWith(SchedulingPolicy.ReservedHostsNote, StringComparison.Ordinal) == true ? SchedulingPolicy.ReservedHostsNote : "");
                continue;
            }
            waiting.WaitReason = $"team {TeamName(waiting.TeamId)} uses {used} of its {TeamGpuQuotas.GetValueOrDefault(waiting.TeamId)} guaranteed GPU(s); {plan.Reason}";
            waiting.ReservedHostId = plan.HostId;
            if (!plan.PreemptNow || !apply) continue;
            foreach (var victim in plan.Victims.Select(v => Require(v.Id)))
            {
                victim.Preempting = new PendingPreemption(now, waiting.Id, waiting.TeamId, TeamName(waiting.TeamId), waiting.WaitReason);
                victim.Message = $"preempting: team {TeamName(waiting.TeamId)} reclaims its guaranteed GPUs; writing a checkpoint";
                victims.Add(victim);
            }
            reclaimingFor[waiting.Id] = waiting.WaitReason;
            projected = ReclaimProjection.AfterPendingPreemptions(Items);
        }
        return victims;
    }

    /// <summary>
    /// The host gave back the GPUs of the current attempt: the item goes back to the queue and resumes from the checkpoint
    /// it wrote when it is placed again. Null for a stale attempt or a repeat.
    /// </summary>
    public WorkItem? Preempted(WorkItemPreempted preempted)
    {
        var item = Current(preempted.WorkItemId, preempted.Attempt);
        if (item is null || !item.IsPlaced) return null;
        // Only the scheduler asks for preemptions, so a pending one is always known; an unknown one is still recorded.
        var pending = item.Preempting ?? new PendingPreemption(preempted.At, Guid.Empty, Guid.Empty, "(unknown)", "");
        item.Preemptions.Add(new PreemptionRecord(preempted.At, pending.ByTeamId, pending.ByTeamName, pending.ForWorkItemId, item.HostId!,
            preempted.Step, Forced: false));
        var at = preempted.Step is { } step ? $" at step {step}" : "";
        Requeue(item, $"preempted{at} to give team {pending.ByTeamName} its guaranteed GPUs back; resumes from there when GPUs are free");
        return item;
    }

    /// <summary>
    /// Items whose host did not give their GPUs back within <paramref name="grace"/>: queued again (they resume from their
    /// newest stored checkpoint) and returned with the host and attempt to stop.
    /// </summary>
    public IReadOnlyList<(WorkItem Item, string HostId, int Attempt)> ExpirePreemptions(DateTimeOffset now, TimeSpan grace)
    {
        var expired = new List<(WorkItem, string, int)>();
        foreach (var item in Items.Where(i => i.IsPlaced && i.Preempting is { } p && now - p.RequestedAt > grace).ToList())
        {
            var pending = item.Preempting!;
            var host = item.HostId!;
            item.Preemptions.Add(new PreemptionRecord(now, pending.ByTeamId, pending.ByTeamName, pending.ForWorkItemId, host, null, Forced: true));
            Requeue(item, $"stopped: host {host} did not give back its GPUs within {grace.TotalSeconds:0} s; resumes from its newest stored checkpoint");
            expired.Add((item, host, item.Attempt));
        }
        return expired;
    }

    /// <summary>Records a team's name, guaranteed GPUs and (null: the platform default) minimum runtime before preemption.</summary>
    public void SetTeam(Guid teamId, string name, int gpuQuota, TimeSpan? minimumRuntime)
    {
        TeamNames[teamId] = name;
        TeamGpuQuotas[teamId] = gpuQuota;
        if (minimumRuntime is { } own) TeamMinimumRuntimes[teamId] = own;
        else TeamMinimumRuntimes.Remove(teamId);
    }

    public string TeamName(Guid teamId) => TeamNames.TryGetValue(teamId, out var name) ? name : teamId.ToString("N")[..8];
}
