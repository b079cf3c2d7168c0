namespace MedVid.Grains.UnitTests.Scheduling;

/// <summary>
/// Whole-host jobs get their guarantee back: the host a reclaim frees is reserved against new borrowed work, and work of
/// a team within its guarantee may be moved to free GPUs elsewhere when borrowed work alone cannot free a host.
/// </summary>
public sealed class DefragmentingReclaimTests
{
    private static readonly Guid TeamA = new("aaaaaaaa-0000-0000-0000-000000000000");
    private static readonly Guid TeamB = new("bbbbbbbb-0000-0000-0000-000000000000");
    private static readonly Guid TeamC = new("cccccccc-0000-0000-0000-000000000000");

    private static string Name(Guid team) => team == TeamA ? "A" : team == TeamB ? "B" : "C";

    [Fact]
    public void A_host_being_freed_for_a_guaranteed_team_takes_no_new_borrowed_work_while_the_borrowers_minimum_runtime_runs()
    {
        var w = new SchedulerWorld();
        w.State.SetTeam(TeamA, "A", 4, null);
        w.State.SetTeam(TeamB, "B", 0, null);
        w.Host("node-1", gpus: 4);
        var borrowed = Enumerable.Range(0, 4).Select(_ => w.Enqueue(TeamB, 1)).ToList();
        w.Dispatch();
        w.Start([.. borrowed]);

        var whole = w.Enqueue(TeamA, 4);
        Assert.Empty(w.DispatchAndReclaim()); // B's work is inside its minimum runtime
        Assert.Equal("node-1", whole.ReservedHostId);

        // One of B's jobs ends; B's next job would take the freed GPU, and the wait for A's guarantee would start over.
        w.Now += TimeSpan.FromMinutes(3);
        w.RunToSuccess(borrowed[0]);
        var next = w.Enqueue(TeamB, 1);
        Assert.Empty(w.DispatchAndReclaim());
        Assert.Equal(WorkItemState.Queued, next.State);
        Assert.EndsWith("hosts being freed for teams within their guarantee take no borrowed work", next.WaitReason);

        // At the end of the minimum runtime the three left are preempted, and A's job gets the whole host.
        w.Now += SchedulerWorld.MinimumRuntime;
        var victims = w.DispatchAndReclaim();
        Assert.Equal(borrowed.Skip(1).Select(v => v.Id).Order(), victims.Select(v => v.Id).Order());
        foreach (var victim in victims) w.State.Preempted(new WorkItemPreempted(victim.Id, victim.Attempt, "node-1", w.Now, 10, "checkpoint"));
        w.Dispatch();
        Assert.Equal(("node-1", WorkItemState.Assigned), (whole.HostId, whole.State));
        Assert.Null(whole.ReservedHostId);
    }

    /// <summary>
    /// Two 8-GPU hosts; A and B are guaranteed 8 each, C nothing. node-1: B 4 GPUs, C 2 (borrowed), 2 free;
    /// node-2: B 2, 6 free. A's 8-GPU job fits on neither, and C's 2 borrowed GPUs alone free neither host.
    /// </summary>
    private static (SchedulerWorld World, WorkItem B4, WorkItem C2, WorkItem B2) Fragmented(bool node1Full = false)
    {
        var w = new SchedulerWorld();
        w.State.SetTeam(TeamA, "A", 8, null);
        w.State.SetTeam(TeamB, "B", 8, null);
        w.State.SetTeam(TeamC, "C", 0, null);
        w.Host("node-1", gpus: 8);
        w.Host("node-2", gpus: 8);
        var b4 = w.Enqueue(TeamB, 4);
        var c2 = w.Enqueue(TeamC, 2);
        var filler = w.Enqueue(TeamC, 2);
        w.Dispatch();
        var b2 = w.Enqueue(TeamB, 2);
        w.Dispatch();
        Assert.Equal(("node-1", "node-1", "node-1", "node-2"), (b4.HostId, c2.HostId, filler.HostId, b2.HostId));
        if (!node1Full) w.RunToSuccess(filler);
        w.Start(node1Full ? [b4, c2, filler, b2] : [b4, c2, b2]);
        w.Now += TimeSpan.FromMinutes(30);
        return (w, b4, c2, b2);
    }

    [Fact]
    public void When_borrowed_work_alone_frees_no_host_work_of_a_team_within_its_guarantee_moves_to_free_gpus_elsewhere()
    {
        var (w, _, _, b2) = Fragmented();
        var whole = w.Enqueue(TeamA, 8);
        var plan = ReclaimPlanner.Plan(whole, w.State.Items, w.State.Hosts, w.State.TeamGpuQuotas, _ => SchedulerWorld.MinimumRuntime, Name, w.Now)!;
        Assert.Equal(("node-2", true), (plan.HostId, plan.PreemptNow));
        Assert.Equal([b2.Id], plan.Victims.Select(v => v.Id));
        Assert.Equal("moving work of team B (2 GPU(s)) from node-2.local to free GPUs on other hosts", plan.Reason);

        // Applied: B's job checkpoints, goes to node-1's free GPUs, and A's job gets node-2; B keeps its 6 GPUs.
        Assert.Equal([b2.Id], w.DispatchAndReclaim().Select(v => v.Id));
        w.State.Preempted(new WorkItemPreempted(b2.Id, b2.Attempt, "node-2", w.Now, 100, "checkpoint"));
        w.Dispatch();
        Assert.Equal(("node-1", "node-2"), (b2.HostId, whole.HostId));
        Assert.Equal(6, SchedulingPolicy.GpusInUse(w.State.Items)[TeamB]);
    }

    [Fact]
    public void Work_is_moved_only_if_it_fits_elsewhere_at_once()
    {
        // node-1 is full: B's 2 GPUs on node-2 have nowhere to go, so node-2 cannot be freed by moving them; node-1 can,
        // by reclaiming C's borrowed GPUs and moving B's 4 to node-2's free ones.
        var (w, b4, c2, _) = Fragmented(node1Full: true);
        var whole = w.Enqueue(TeamA, 8);
        var plan = ReclaimPlanner.Plan(whole, w.State.Items, w.State.Hosts, w.State.TeamGpuQuotas, _ => SchedulerWorld.MinimumRuntime, Name, w.Now)!;
        Assert.Equal("node-1", plan.HostId);
        Assert.Contains(b4.Id, plan.Victims.Select(v => v.Id));
        Assert.Contains(c2.Id, plan.Victims.Select(v => v.Id));
        Assert.StartsWith("reclaiming 4 borrowed GPU(s) on node-1.local from team C; moving work of team B (4 GPU(s))", plan.Reason);
    }
}
