namespace MedVid.Grains.UnitTests.Scheduling;

public sealed class SchedulingPolicyTests
{
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();

    [Fact]
    public void Cpu_items_fill_the_free_slots_and_the_rest_wait_for_one()
    {
        var w = new SchedulerWorld();
        w.Host("cpu-1", cpuSlots: 2);
        var items = Enumerable.Range(0, 3).Select(_ => w.Enqueue(TeamA, 0)).ToList();
        var placed = w.Dispatch();
        Assert.Equal(items.Take(2).Select(i => i.Id), placed.Select(p => p.Item.Id));
        Assert.All(placed, p => Assert.Empty(p.GpuIndexes));
        Assert.Equal(WorkItemState.Queued, items[2].State);
        Assert.Equal("waiting for a free CPU slot", items[2].WaitReason);

        w.RunToSuccess(items[0]); // a slot frees up
        Assert.Equal([items[2].Id], w.Dispatch().Select(p => p.Item.Id));
        Assert.Null(items[2].WaitReason);
    }

    [Fact]
    public void Cpu_items_go_to_the_host_with_the_most_free_slots()
    {
        var w = new SchedulerWorld();
        w.Host("small", cpuSlots: 1);
        w.Host("big", cpuSlots: 3);
        var placed = Enumerable.Range(0, 4).Select(_ => w.Enqueue(TeamA, 0)).ToList();
        w.Dispatch();
        Assert.Equal(3, placed.Count(i => i.HostId == "big"));
        Assert.Equal(1, placed.Count(i => i.HostId == "small"));
    }

    [Fact]
    public void Gpu_items_take_the_host_with_the_fewest_free_gpus_that_fit()
    {
        var w = new SchedulerWorld();
        w.Host("eight", gpus: 8);
        w.Host("two", gpus: 2);
        var small = w.Enqueue(TeamA, 2);
        var large = w.Enqueue(TeamA, 6);
        var placed = w.Dispatch().ToDictionary(p => p.Item.Id);
        Assert.Equal("two", placed[small.Id].Host.HostId);
        Assert.Equal([0, 1], placed[small.Id].GpuIndexes);
        Assert.Equal("eight", placed[large.Id].Host.HostId);
        Assert.Equal([0, 1, 2, 3, 4, 5], large.GpuIndexes);
        Assert.Equal(1, large.Attempt);
        Assert.Equal(WorkItemState.Assigned, large.State);
    }

    [Fact]
    public void Gpus_in_use_are_not_given_twice()
    {
        var w = new SchedulerWorld();
        w.Host("four", gpus: 4);
        var first = w.Enqueue(TeamA, 3);
        w.Dispatch();
        var second = w.Enqueue(TeamA, 1);
        var third = w.Enqueue(TeamA, 1);
        w.Dispatch();
        Assert.Equal([3], second.GpuIndexes);
        Assert.Equal(WorkItemState.Queued, third.State);
        Assert.Equal("its team uses 4 of its 0 guaranteed GPU(s): waits for 1 idle GPU(s) on one host to borrow", third.WaitReason);
        Assert.Equal([0, 1, 2], first.GpuIndexes);
    }

    [Fact]
    public void A_team_under_its_quota_goes_before_a_team_over_it()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 1;
        w.State.TeamGpuQuotas[TeamB] = 1;
        w.Host("gpu", gpus: 2);
        w.Enqueue(TeamA, 1);
        w.Dispatch(); // team A now uses its whole quota
        var overQuota = w.Enqueue(TeamA, 1, priority: 10); // earlier and higher priority, but over quota
        var underQuota = w.Enqueue(TeamB, 1);
        var placed = w.Dispatch();
        Assert.Equal([underQuota.Id], placed.Select(p => p.Item.Id));
        Assert.Equal("its team uses 1 of its 1 guaranteed GPU(s): waits for 1 idle GPU(s) on one host to borrow", overQuota.WaitReason);
    }

    [Fact]
    public void Within_the_same_quota_class_priority_then_arrival_order_decide()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 8;
        var first = w.Enqueue(TeamA, 1);
        var urgent = w.Enqueue(TeamA, 1, priority: 5);
        var second = w.Enqueue(TeamA, 1);
        w.Host("gpu", gpus: 2);
        w.Dispatch();
        Assert.Equal(WorkItemState.Assigned, urgent.State);
        Assert.Equal(WorkItemState.Assigned, first.State);
        Assert.Equal(WorkItemState.Queued, second.State);
    }

    [Fact]
    public void Idle_gpus_are_shared_between_borrowing_teams_by_their_quota_not_by_arrival()
    {
        var w = new SchedulerWorld();
        var teamC = Guid.NewGuid();
        w.State.TeamGpuQuotas[TeamA] = 2; // weight 2
        w.State.TeamGpuQuotas[TeamB] = 1; // weight 1
        w.State.TeamGpuQuotas[teamC] = 4;
        w.Host("big", gpus: 9);
        w.Enqueue(TeamA, 2);
        w.Enqueue(TeamB, 1);
        w.Enqueue(teamC, 4); // C holds its guarantee and more are idle
        w.Dispatch();
        // A asks first for many GPUs, then B: first come first served would give A everything.
        var a = Enumerable.Range(0, 6).Select(_ => w.Enqueue(TeamA, 1)).ToList();
        var b = Enumerable.Range(0, 3).Select(_ => w.Enqueue(TeamB, 1)).ToList();
        var placed = w.Dispatch(); // the 2 GPUs left go one to each team, not both to A, which asked first
        Assert.Equal([a[0].Id, b[0].Id], placed.Select(p => p.Item.Id));
        // ...and in the queue A comes next: 1 borrowed per weight 2 (0.5) is less than B's 1 per weight 1.
        var order = SchedulingPolicy.QueueOrder(w.State.Items, w.State.TeamGpuQuotas, w.Now);
        Assert.Equal([a[1].Id, a[2].Id, b[1].Id, a[3].Id, a[4].Id, b[2].Id, a[5].Id], order.Select(i => i.Id));
    }

    [Fact]
    public void Aging_lifts_a_long_waiting_item_over_newer_higher_priority_ones()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 8;
        var old = w.Enqueue(TeamA, 1, priority: 0);
        w.Now += SchedulingPolicy.AgingStep * 3; // waited long enough for three levels
        var newer = w.Enqueue(TeamA, 1, priority: 2);
        Assert.Equal([old.Id, newer.Id], SchedulingPolicy.QueueOrder(w.State.Items, w.State.TeamGpuQuotas, w.Now).Select(i => i.Id));
        Assert.Equal(3, SchedulingPolicy.AgedPriority(old, w.Now));
        var fresh = w.Enqueue(TeamA, 1, priority: 5);
        Assert.Equal([fresh.Id, old.Id, newer.Id], SchedulingPolicy.QueueOrder(w.State.Items, w.State.TeamGpuQuotas, w.Now).Select(i => i.Id));
    }

    [Fact]
    public void A_job_that_needs_80_gb_per_gpu_never_lands_on_24_gb_gpus_and_small_jobs_leave_the_large_gpus_free()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 8;
        w.HostWithMemory("small", gpus: 2, memoryMiB: 24576);
        w.HostWithMemory("large", gpus: 2, memoryMiB: 81920);
        var small = w.Enqueue(TeamA, 1);
        var large = w.Enqueue(TeamA, 2, gpuMemoryMiB: 81920);
        var tooLarge = w.Enqueue(TeamA, 3, gpuMemoryMiB: 81920);
        var huge = w.Enqueue(TeamA, 1, gpuMemoryMiB: 143360);
        w.Dispatch();
        Assert.Equal("small", small.HostId); // best fit: one of the 24 GB GPUs, not the 80 GB ones
        Assert.Equal("large", large.HostId);
        Assert.Equal([0, 1], large.GpuIndexes);
        Assert.Equal("no online host has 3 GPU(s) with 80 GB of memory or more", tooLarge.WaitReason);
        Assert.Equal("no online host has 1 GPU(s) with 140 GB of memory or more", huge.WaitReason);

        var waiting = w.Enqueue(TeamA, 1, gpuMemoryMiB: 81920); // the small host has a free GPU, but too small
        w.Dispatch();
        Assert.Equal(WorkItemState.Queued, waiting.State);
        Assert.Equal("waiting for 1 free GPU(s) on one host", waiting.WaitReason);
        Assert.Throws<MedVid.Grains.Abstractions.InvalidGrainArgumentException>(() => w.Enqueue(TeamA, 1, gpuMemoryMiB: -1));
    }

    [Fact]
    public void With_borrowing_off_quotas_are_static_partitions()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 1;
        w.Host("gpu", gpus: 4);
        var own = w.Enqueue(TeamA, 1);
        var beyond = w.Enqueue(TeamA, 1);
        var placed = w.State.Dispatch(w.Now, borrowing: false);
        Assert.Equal([own.Id], placed.Select(p => p.Item.Id));
        Assert.Equal("its team uses 1 of its 1 guaranteed GPU(s), and borrowing is off", beyond.WaitReason);
    }

    [Fact]
    public void A_team_over_its_quota_borrows_idle_gpus()
    {
        var w = new SchedulerWorld();
        w.State.TeamGpuQuotas[TeamA] = 0;
        w.Host("gpu", gpus: 4);
        var borrower = w.Enqueue(TeamA, 3);
        Assert.Single(w.Dispatch());
        Assert.Equal(WorkItemState.Assigned, borrower.State);
        Assert.Equal([0, 1, 2], borrower.GpuIndexes);
    }

    [Fact]
    public void No_host_runs_the_kind()
    {
        var w = new SchedulerWorld();
        w.Host("ingest-only", gpus: 4, cpuSlots: 4, WorkKinds.IngestVideo);
        var train = w.Enqueue(TeamA, 1, WorkKinds.Train);
        Assert.Empty(w.Dispatch());
        Assert.Equal("no online host runs 'train' work", train.WaitReason);
    }

    [Fact]
    public void No_host_has_enough_gpus()
    {
        var w = new SchedulerWorld();
        w.Host("two", gpus: 2);
        w.Host("four", gpus: 4);
        var huge = w.Enqueue(TeamA, 8);
        Assert.Empty(w.Dispatch());
        Assert.Equal("no online host has 8 GPU(s)", huge.WaitReason);
    }

    [Fact]
    public void Gpus_spread_over_hosts_do_not_add_up()
    {
        var w = new SchedulerWorld();
        w.Host("a", gpus: 4);
        w.Host("b", gpus: 4);
        w.Enqueue(TeamA, 2);
        w.Enqueue(TeamA, 2);
        w.Dispatch(); // best fit packs both pairs onto one host
        var four = w.Enqueue(TeamA, 4);
        w.Dispatch();
        Assert.Equal(WorkItemState.Assigned, four.State);
        var another = w.Enqueue(TeamA, 4);
        w.Dispatch();
        Assert.Equal("its team uses 8 of its 0 guaranteed GPU(s): waits for 4 idle GPU(s) on one host to borrow", another.WaitReason);
    }

    [Fact]
    public void Lost_hosts_are_not_used()
    {
        var w = new SchedulerWorld();
        w.Host("gpu", gpus: 4);
        w.Now = w.Now.AddMinutes(5);
        w.State.MarkLostHosts(w.Now, TimeSpan.FromMinutes(1));
        var item = w.Enqueue(TeamA, 1);
        Assert.Empty(w.Dispatch());
        Assert.Equal("no online host runs 'train' work", item.WaitReason);
    }

    [Fact]
    public void Place_itself_changes_no_item_state()
    {
        var w = new SchedulerWorld();
        w.Host("gpu", gpus: 1);
        var item = w.Enqueue(TeamA, 1);
        var placements = SchedulingPolicy.Place(w.State.Items, w.State.Hosts, w.State.TeamGpuQuotas, w.Now);
        Assert.Single(placements);
        Assert.Equal((WorkItemState.Queued, 0, null), (item.State, item.Attempt, item.HostId));
    }
}
