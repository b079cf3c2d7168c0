namespace MedVid.Grains.UnitTests.Scheduling;

public sealed class ReclaimPlannerTests
{
    private static readonly Guid TeamA = new("aaaaaaaa-0000-0000-0000-000000000000");
    private static readonly Guid TeamB = new("bbbbbbbb-0000-0000-0000-000000000000");
    private static readonly Guid TeamC = new("cccccccc-0000-0000-0000-000000000000");

    /// <summary>One 4-GPU host; A and B are guaranteed 2 GPUs each; B borrowed A's two with two 1-GPU items.</summary>
    private static (SchedulerWorld World, List<WorkItem> Borrowed) BorrowedHost(int bItems = 4)
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 2;
        w.State.TeamGpuQuotas[TeamB] = 2;
        w.Host("node-1", gpus: 4);
        var b = Enumerable.Range(0, bItems).Select(_ => w.Enqueue(TeamB, 4 / bItems)).ToList();
        w.Dispatch();
        Assert.All(b, i => Assert.True(i.IsPlaced));
        return (w, b);
    }

    private static ReclaimPlan? Plan(SchedulerWorld w, WorkItem waiting, Func<Guid, TimeSpan>? minimum = null) =>
        ReclaimPlanner.Plan(waiting, w.State.Items, w.State.Hosts, w.State.TeamGpuQuotas, minimum ?? (_ => SchedulerWorld.MinimumRuntime),
            team => team == TeamA ? "A" : team == TeamB ? "B" : "C", w.Now);

    [Fact]
    public void A_team_within_its_guarantee_reclaims_the_newest_borrowed_items_once_their_minimum_runtime_has_passed()
    {
        var (w, b) = BorrowedHost();
        w.Now += TimeSpan.FromMinutes(30);
        var waiting = w.Enqueue(TeamA, 2);
        var plan = Plan(w, waiting)!;
        Assert.True(plan.PreemptNow);
        Assert.Equal("node-1", plan.HostId);
        // B keeps its guarantee of 2: exactly its two newest items go.
        Assert.Equal([b[3].Id, b[2].Id], plan.Victims.Select(v => v.Id));
        Assert.Equal("reclaiming 2 borrowed GPU(s) on node-1.local from team B", plan.Reason);
    }

    [Fact]
    public void Work_younger_than_the_minimum_runtime_is_not_preempted_and_the_plan_says_when_it_will_be()
    {
        var (w, b) = BorrowedHost();
        w.Now += TimeSpan.FromMinutes(4);
        var waiting = w.Enqueue(TeamA, 2);
        var plan = Plan(w, waiting)!;
        Assert.False(plan.PreemptNow);
        Assert.Equal(b[3].AssignedAt + SchedulerWorld.MinimumRuntime, plan.NotBefore);
        Assert.Contains("will be reclaimed from team B when their minimum runtime ends at 2026-11-21 09:10 UTC", plan.Reason);

        // The minimum runtime is the victim team's own setting.
        var patient = Plan(w, waiting, team => team == TeamB ? TimeSpan.FromMinutes(2) : SchedulerWorld.MinimumRuntime)!;
        Assert.True(patient.PreemptNow);
    }

    [Fact]
    public void Lowest_priority_goes_before_newest()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 1;
        w.State.TeamGpuQuotas[TeamB] = 1;
        w.Host("node-1", gpus: 3);
        var important = w.Enqueue(TeamB, 1, priority: 5);
        var old = w.Enqueue(TeamB, 1, priority: 0);
        var newest = w.Enqueue(TeamB, 1, priority: 5);
        w.Dispatch();
        w.Now += TimeSpan.FromHours(1);
        var plan = Plan(w, w.Enqueue(TeamA, 1))!;
        Assert.Equal([old.Id], plan.Victims.Select(v => v.Id));
        Assert.True(important.IsPlaced && newest.IsPlaced);
    }

    [Fact]
    public void The_fewest_items_are_preempted_even_when_smaller_ones_are_newer()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 4;
        w.State.TeamGpuQuotas[TeamB] = 0;
        w.Host("node-1", gpus: 4);
        var big = w.Enqueue(TeamB, 2);
        var small1 = w.Enqueue(TeamB, 1);
        var small2 = w.Enqueue(TeamB, 1);
        w.Dispatch();
        w.Now += TimeSpan.FromHours(1);
        var plan = Plan(w, w.Enqueue(TeamA, 2))!;
        Assert.Equal([big.Id], plan.Victims.Select(v => v.Id));
        Assert.True(small1.IsPlaced && small2.IsPlaced);
    }

    [Fact]
    public void No_preemption_when_free_gpus_suffice_or_the_waiting_team_would_exceed_its_guarantee()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 2;
        w.State.TeamGpuQuotas[TeamB] = 0;
        w.Host("node-1", gpus: 2);
        w.Host("node-2", gpus: 2);
        w.Enqueue(TeamB, 2);
        w.Dispatch();
        w.Now += TimeSpan.FromHours(1);
        Assert.Null(Plan(w, w.Enqueue(TeamA, 2))); // node-2 is free

        var second = new SchedulerWorld { Now = w.Now };
        second.State.TeamGpuQuotas[TeamA] = 2;
        second.State.TeamGpuQuotas[TeamB] = 0;
        second.Host("node-1", gpus: 2);
        second.Host("node-2", gpus: 2);
        second.Enqueue(TeamB, 2);
        second.Enqueue(TeamB, 2);
        second.Dispatch();
        second.Now += TimeSpan.FromHours(1);
        Assert.NotNull(Plan(second, second.Enqueue(TeamA, 2)));
        Assert.Null(Plan(second, second.Enqueue(TeamA, 3))); // 3 > A's guarantee of 2: borrowing is never by preemption
    }

    [Fact]
    public void A_team_within_its_own_guarantee_is_never_preempted()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 2;
        w.State.TeamGpuQuotas[TeamB] = 2;
        w.State.TeamGpuQuotas[TeamC] = 2;
        w.Host("node-1", gpus: 4);
        w.Enqueue(TeamB, 2);
        w.Enqueue(TeamC, 2);
        w.Dispatch();
        w.Now += TimeSpan.FromHours(1);
        // Both holders are at their guarantee: A waits for capacity rather than taking anyone's.
        Assert.Null(Plan(w, w.Enqueue(TeamA, 2)));
    }

    [Fact]
    public void Two_teams_cannot_keep_preempting_each_other()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 2;
        w.State.TeamGpuQuotas[TeamB] = 2;
        w.Host("node-1", gpus: 4);
        var preemptions = 0;
        // B borrows the whole host, then A wants its guarantee back and more; both keep work waiting. Whenever
        // a plan says preempt, the victims go back to the queue, and the scheduler places what fits.
        for (var i = 0; i < 4; i++) w.Enqueue(TeamB, 1);
        w.Dispatch();
        for (var i = 0; i < 4; i++) w.Enqueue(TeamA, 1);
        for (var round = 0; round < 50; round++)
        {
            w.Now += TimeSpan.FromHours(1);
            foreach (var waiting in w.State.Items.Where(i => i.State == WorkItemState.Queued).ToList())
            {
                var plan = Plan(w, waiting);
                if (plan is null || !plan.PreemptNow) continue;
                preemptions += plan.Victims.Count;
                foreach (var victim in plan.Victims) Requeue(victim);
            }
            w.Dispatch();
        }
        // Each team ends with its guarantee, and only the initial borrowing was ever undone.
        Assert.Equal(2, SchedulingPolicy.GpusInUse(w.State.Items)[TeamA]);
        Assert.Equal(2, SchedulingPolicy.GpusInUse(w.State.Items)[TeamB]);
        Assert.Equal(2, preemptions);
    }

    private static void Requeue(WorkItem item)
    {
        item.State = WorkItemState.Queued;
        item.HostId = null;
        item.GpuIndexes = [];
        item.StartedAt = item.AssignedAt = null;
    }
}
