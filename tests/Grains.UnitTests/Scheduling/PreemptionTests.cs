namespace MedVid.Grains.UnitTests.Scheduling;

/// <summary>Reclaim by preemption as state transitions: notice, release, requeue, resume, grace expiry, no flapping.</summary>
public sealed class PreemptionTests
{
    private static readonly Guid TeamA = new("aaaaaaaa-0000-0000-0000-000000000000");
    private static readonly Guid TeamB = new("bbbbbbbb-0000-0000-0000-000000000000");

    /// <summary>One 2-GPU host; A and B are guaranteed 1 GPU each; B holds both (one borrowed), started 30 min ago.</summary>
    private static (SchedulerWorld World, WorkItem Own, WorkItem Borrowed) BorrowedHost()
    {
        var w = new SchedulerWorld();
        w.State.SetTeam(TeamA, "A", 1, null);
        w.State.SetTeam(TeamB, "B", 1, null);
        w.Host("node-1", gpus: 2);
        var own = w.Enqueue(TeamB, 1);
        var borrowed = w.Enqueue(TeamB, 1);
        w.Dispatch();
        w.Start(own);
        w.Start(borrowed);
        w.Now += TimeSpan.FromMinutes(30);
        return (w, own, borrowed);
    }

    private static WorkItemPreempted Released(SchedulerWorld w, WorkItem item, long? step) =>
        new(item.Id, item.Attempt, item.HostId!, w.Now, step, "checkpoint written");

    [Fact]
    public void A_waiting_team_within_its_guarantee_gets_the_borrowed_gpu_back_and_the_victim_resumes_later_with_its_history()
    {
        var (w, own, borrowed) = BorrowedHost();
        var waiting = w.Enqueue(TeamA, 1);
        Assert.Empty(w.Dispatch());
        var victims = w.DispatchAndReclaim();
        Assert.Equal([borrowed.Id], victims.Select(v => v.Id));
        Assert.Equal(waiting.Id, borrowed.Preempting!.ForWorkItemId);
        Assert.Equal("team A uses 0 of its 1 guaranteed GPU(s); reclaiming 1 borrowed GPU(s) on node-1.local from team B", waiting.WaitReason);
        Assert.Null(own.Preempting); // B keeps its guarantee

        // Asking again while the host has not answered preempts nothing more.
        Assert.Empty(w.DispatchAndReclaim());
        Assert.Equal("team A uses 0 of its 1 guaranteed GPU(s); reclaiming 1 borrowed GPU(s) on node-1.local from team B", waiting.WaitReason);

        w.Now += TimeSpan.FromSeconds(5);
        var requeued = w.State.Preempted(Released(w, borrowed, 340))!;
        Assert.Equal(WorkItemState.Queued, requeued.State);
        Assert.Null(requeued.HostId);
        Assert.Equal("preempted at step 340 to give team A its guaranteed GPUs back; resumes from there when GPUs are free", requeued.Message);
        var record = Assert.Single(requeued.Preemptions);
        Assert.Equal((TeamA, "A", waiting.Id, "node-1", 340L, false, (DateTimeOffset?)null),
            (record.ByTeamId, record.ByTeamName, record.ForWorkItemId, record.HostId, record.Step, record.Forced, record.ResumedAt));
        Assert.Null(w.State.Preempted(Released(w, borrowed, 340))); // a repeated report changes nothing

        Assert.Equal([waiting.Id], w.Dispatch().Select(p => p.Item.Id));
        // B is back at its guarantee and waits to borrow; it cannot reclaim from A, which is within its own.
        Assert.Empty(w.DispatchAndReclaim());
        Assert.Equal("its team uses 1 of its 1 guaranteed GPU(s): waits for 1 idle GPU(s) on one host to borrow", borrowed.WaitReason);

        w.RunToSuccess(waiting);
        var resumed = Assert.Single(w.Dispatch());
        Assert.Equal(borrowed.Id, resumed.Item.Id);
        Assert.Equal(2, borrowed.Attempt);
        w.Start(borrowed);
        Assert.Equal((w.Now, "node-1"), (borrowed.Preemptions[0].ResumedAt, borrowed.Preemptions[0].ResumedOnHost));
        Assert.Equal(0, borrowed.HostLosses); // a preemption is not a failure
    }

    [Fact]
    public void Work_within_its_minimum_runtime_is_not_preempted_yet_and_the_reason_says_when()
    {
        var (w, _, borrowed) = BorrowedHost();
        w.State.SetTeam(TeamB, "B", 1, TimeSpan.FromHours(1)); // B protects its work for an hour
        var waiting = w.Enqueue(TeamA, 1);
        Assert.Empty(w.DispatchAndReclaim());
        Assert.Null(borrowed.Preempting);
        Assert.Equal("team A uses 0 of its 1 guaranteed GPU(s); 1 borrowed GPU(s) on node-1.local will be reclaimed from team B when their minimum runtime ends at 2026-11-21 10:00 UTC",
            waiting.WaitReason);
        w.Now = new DateTimeOffset(2026, 11, 21, 10, 0, 5, TimeSpan.Zero); // started at 09:00:02
        Assert.Equal([borrowed.Id], w.DispatchAndReclaim().Select(v => v.Id));
    }

    [Fact]
    public void Free_gpus_are_used_before_anything_is_preempted()
    {
        var (w, _, _) = BorrowedHost();
        w.Host("node-2", gpus: 1);
        var waiting = w.Enqueue(TeamA, 1);
        Assert.Equal([waiting.Id], w.Dispatch().Select(p => p.Item.Id));
        Assert.Empty(w.DispatchAndReclaim());
    }

    [Fact]
    public void A_team_over_its_guarantee_reclaims_nothing()
    {
        var (w, _, _) = BorrowedHost();
        w.Enqueue(TeamB, 1);
        Assert.Empty(w.DispatchAndReclaim());
        Assert.DoesNotContain(w.State.Items, i => i.Preempting is not null);
    }

    [Fact]
    public void Two_waiting_items_of_one_team_reclaim_only_up_to_its_guarantee()
    {
        var w = new SchedulerWorld();
        w.State.SetTeam(TeamA, "A", 1, null);
        w.State.SetTeam(TeamB, "B", 0, null);
        w.Host("node-1", gpus: 2);
        var b1 = w.Enqueue(TeamB, 1);
        var b2 = w.Enqueue(TeamB, 1);
        w.Dispatch();
        w.Now += TimeSpan.FromMinutes(30);
        w.Enqueue(TeamA, 1);
        var second = w.Enqueue(TeamA, 1);
        var victims = w.DispatchAndReclaim();
        Assert.Single(victims); // the first pending reclaim already counts against A's guarantee of 1
        Assert.Equal("its team uses 1 of its 1 guaranteed GPU(s): waits for 1 idle GPU(s) on one host to borrow", second.WaitReason);
        Assert.Contains(victims[0].Id, new[] { b1.Id, b2.Id });
    }

    [Fact]
    public void A_host_that_does_not_release_within_the_grace_period_has_the_attempt_stopped_and_requeued()
    {
        var (w, _, borrowed) = BorrowedHost();
        w.Enqueue(TeamA, 1);
        w.DispatchAndReclaim();
        var attempt = borrowed.Attempt;
        Assert.Empty(w.State.ExpirePreemptions(w.Now + TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)));
        w.Now += TimeSpan.FromSeconds(61);
        var (item, host, stopped) = Assert.Single(w.State.ExpirePreemptions(w.Now, TimeSpan.FromSeconds(60)));
        Assert.Equal((borrowed.Id, "node-1", attempt), (item.Id, host, stopped));
        Assert.Equal(WorkItemState.Queued, borrowed.State);
        Assert.True(Assert.Single(borrowed.Preemptions).Forced);
        Assert.Equal("stopped: host node-1 did not give back its GPUs within 60 s; resumes from its newest stored checkpoint", borrowed.Message);
        // The stopped attempt's late reports are stale.
        Assert.Null(w.State.Preempted(new WorkItemPreempted(borrowed.Id, attempt, "node-1", w.Now, 10, "late")));
        Assert.Null(w.State.Failed(new WorkItemFailed(borrowed.Id, attempt, "node-1", "cancelled", true, w.Now)));
    }

    [Fact]
    public void Cancelling_or_finishing_a_victim_clears_its_pending_preemption()
    {
        var (w, _, borrowed) = BorrowedHost();
        w.Enqueue(TeamA, 1);
        w.DispatchAndReclaim();
        w.RunToSuccess(borrowed); // it finished before the notice arrived
        Assert.Null(borrowed.Preempting);
        Assert.Empty(w.State.ExpirePreemptions(w.Now + TimeSpan.FromHours(1), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void The_preempted_team_cannot_preempt_back_however_often_the_scheduler_runs()
    {
        var (w, _, borrowed) = BorrowedHost();
        var waiting = w.Enqueue(TeamA, 1);
        w.DispatchAndReclaim();
        w.State.Preempted(Released(w, borrowed, 10));
        w.Dispatch();
        w.Start(waiting);
        for (var pass = 0; pass < 20; pass++)
        {
            w.Now += TimeSpan.FromHours(1); // long past every minimum runtime
            Assert.Empty(w.Dispatch());
            Assert.Empty(w.DispatchAndReclaim());
        }
        Assert.Single(borrowed.Preemptions);
        Assert.Null(waiting.Preempting);
    }

    [Fact]
    public void A_teams_share_counts_guaranteed_used_borrowed_lent_and_waiting_gpus()
    {
        var (w, _, _) = BorrowedHost();
        w.Enqueue(TeamA, 1);
        w.Enqueue(TeamA, 2);
        w.Dispatch();
        Assert.Equal(new TeamShare(TeamA, 1, 0, 0, 1, 2, 3), TeamShare.Of(TeamA, w.State.Items, w.State.TeamGpuQuotas));
        Assert.Equal(new TeamShare(TeamB, 1, 2, 1, 0, 0, 0), TeamShare.Of(TeamB, w.State.Items, w.State.TeamGpuQuotas));
    }

    [Fact]
    public void Reclaim_for_a_large_memory_job_takes_borrowed_work_only_from_gpus_that_are_large_enough()
    {
        var w = new SchedulerWorld();
        w.State.SetTeam(TeamA, "A", 1, null);
        w.State.SetTeam(TeamB, "B", 0, null);
        w.HostWithMemory("small", gpus: 1, memoryMiB: 24576);
        w.HostWithMemory("large", gpus: 1, memoryMiB: 81920);
        var onLarge = w.Enqueue(TeamB, 1, gpuMemoryMiB: 81920);
        var onSmall = w.Enqueue(TeamB, 1); // the newest, so the first victim were memory not considered
        w.Dispatch();
        Assert.Equal(("small", "large"), (onSmall.HostId, onLarge.HostId));
        w.Now += TimeSpan.FromHours(1);
        var waiting = w.Enqueue(TeamA, 1, gpuMemoryMiB: 40960);
        Assert.Equal([onLarge.Id], w.DispatchAndReclaim().Select(v => v.Id));
        Assert.Equal(waiting.Id, onLarge.Preempting!.ForWorkItemId);
    }

    [Fact]
    public void An_item_preempted_three_times_is_not_preempted_again_and_its_team_gives_back_another()
    {
        var (w, own, borrowed) = BorrowedHost();
        for (var round = 1; round <= ReclaimPlanner.MaxPreemptionsPerItem; round++)
        {
            var waiting = w.Enqueue(TeamA, 1);
            Assert.Equal([borrowed.Id], w.DispatchAndReclaim().Select(v => v.Id));
            w.State.Preempted(Released(w, borrowed, round * 100));
            w.Dispatch();
            w.Start(waiting);
            w.RunToSuccess(waiting); // A's work ends; B borrows the GPU again
            w.Dispatch();
            w.Start(borrowed);
            w.Now += TimeSpan.FromHours(1);
        }
        w.Enqueue(TeamA, 1);
        Assert.Equal([own.Id], w.DispatchAndReclaim().Select(v => v.Id)); // B is still one GPU over its guarantee
        Assert.Null(borrowed.Preempting);
        Assert.Equal(ReclaimPlanner.MaxPreemptionsPerItem, borrowed.Preemptions.Count);
    }
}
