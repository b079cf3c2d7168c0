using MedVid.Contracts.Training;

namespace MedVid.Grains.UnitTests.Scheduling;

public sealed class SchedulerStateTests
{
    private static readonly Guid Team = Guid.NewGuid();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Enqueue_is_idempotent_by_id()
    {
        var w = new SchedulerWorld();
        var id = Guid.NewGuid();
        var first = w.Enqueue(Team, 1, id: id);
        var again = w.State.Enqueue(SchedulerWorld.Request(Guid.NewGuid(), 4, WorkKinds.Generate, 9, id), w.Now);
        Assert.Same(first, again);
        Assert.Single(w.State.Items);
        Assert.Equal((Team, 1, WorkKinds.Train), (again.TeamId, again.Gpus, again.Kind));
    }

    [Fact]
    public void Enqueue_refuses_unknown_kinds_and_gpu_counts_out_of_range()
    {
        var w = new SchedulerWorld();
        Assert.Equal("Unknown work kind 'mine-bitcoin'.",
            Assert.Throws<InvalidGrainArgumentException>(() => w.State.Enqueue(SchedulerWorld.Request(Team, 0, "mine-bitcoin"), w.Now)).Message);
        Assert.Equal("A work item may ask for 0 to 64 GPUs.",
            Assert.Throws<InvalidGrainArgumentException>(() => w.State.Enqueue(SchedulerWorld.Request(Team, 65), w.Now)).Message);
        Assert.Throws<InvalidGrainArgumentException>(() => w.State.Enqueue(SchedulerWorld.Request(Team, -1, WorkKinds.Train), w.Now));
        Assert.Empty(w.State.Items);
    }

    [Fact]
    public void Heartbeat_registers_then_refreshes_a_host()
    {
        var w = new SchedulerWorld();
        var registered = w.Host("h1", gpus: 1);
        var t0 = w.Now;
        w.Now = w.Now.AddSeconds(10);
        var refreshed = w.Host("h1", gpus: 2, cpuSlots: 3, WorkKinds.Generate);
        Assert.Same(registered, refreshed);
        Assert.Single(w.State.Hosts);
        Assert.Equal((t0, w.Now, 2, 3), (refreshed.RegisteredAt, refreshed.LastHeartbeat, refreshed.Capacity.Gpus.Count, refreshed.Capacity.CpuSlots));
        Assert.Equal([WorkKinds.Generate], refreshed.Kinds);
    }

    [Fact]
    public void A_lost_host_requeues_its_items_and_redispatch_starts_a_new_attempt()
    {
        var w = new SchedulerWorld();
        w.Host("doomed", gpus: 2, cpuSlots: 1);
        var gpuItem = w.Enqueue(Team, 2);
        var cpuItem = w.Enqueue(Team, 0);
        w.Dispatch();
        Assert.True(w.State.Started(new WorkItemStarted(gpuItem.Id, 1, "doomed", w.Now)));
        Assert.Equal(WorkItemState.Running, gpuItem.State);

        w.Now = w.Now.AddSeconds(20);
        w.Host("spare", gpus: 2, cpuSlots: 1);
        w.Now = w.Now.AddSeconds(20); // "doomed" silent for 40 s, "spare" for 20 s
        var requeued = w.State.MarkLostHosts(w.Now, Timeout);
        Assert.Equal([gpuItem.Id, cpuItem.Id], requeued.Select(i => i.Id));
        Assert.Equal(HostStatus.Lost, w.State.Hosts.Single(h => h.HostId == "doomed").Status);
        Assert.Equal(HostStatus.Online, w.State.Hosts.Single(h => h.HostId == "spare").Status);
        Assert.All(requeued, i =>
        {
            Assert.Equal((WorkItemState.Queued, null, 1), (i.State, i.HostId, i.Attempt));
            Assert.Empty(i.GpuIndexes);
            Assert.Equal("requeued: host doomed was lost", i.Message);
        });

        var placed = w.Dispatch();
        Assert.Equal(2, placed.Count);
        Assert.All(requeued, i => Assert.Equal((WorkItemState.Assigned, "spare", 2), (i.State, i.HostId, i.Attempt)));
        Assert.Empty(w.State.MarkLostHosts(w.Now, Timeout)); // a lost host is not lost twice
    }

    [Fact]
    public void After_MaxHostLosses_the_item_fails()
    {
        var w = new SchedulerWorld();
        var item = w.Enqueue(Team, 1);
        for (var attempt = 1; attempt <= SchedulerState.MaxHostLosses; attempt++)
        {
            w.Host($"host-{attempt}", gpus: 1);
            Assert.Single(w.Dispatch());
            Assert.Equal(attempt, item.Attempt);
            w.Now = w.Now.AddMinutes(1);
            var requeued = w.State.MarkLostHosts(w.Now, Timeout);
            if (attempt < SchedulerState.MaxHostLosses)
                Assert.Equal(WorkItemState.Queued, Assert.Single(requeued).State);
            else
                Assert.Empty(requeued);
        }
        Assert.Equal(WorkItemState.Failed, item.State);
        Assert.Equal($"host host-{SchedulerState.MaxHostLosses} was lost {SchedulerState.MaxHostLosses} times while running it", item.Error);
        Assert.Equal(w.Now, item.FinishedAt);
        w.Host("fresh", gpus: 1);
        Assert.Empty(w.Dispatch());
    }

    [Fact]
    public void Reports_of_a_stale_attempt_are_ignored()
    {
        var w = new SchedulerWorld();
        w.Host("old", gpus: 1);
        var item = w.Enqueue(Team, 1);
        w.Dispatch();
        w.Now = w.Now.AddMinutes(1);
        w.State.MarkLostHosts(w.Now, Timeout);
        w.Host("new", gpus: 1);
        w.Dispatch();
        Assert.Equal(2, item.Attempt);

        Assert.False(w.State.Started(new WorkItemStarted(item.Id, 1, "old", w.Now)));
        Assert.False(w.State.Progressed(new WorkItemProgressed(item.Id, 1, "old", 0.9, "stale", null, w.Now)));
        Assert.Null(w.State.Succeeded(new WorkItemSucceeded(item.Id, 1, "old", "{\"stale\":true}", w.Now)));
        Assert.Null(w.State.Failed(new WorkItemFailed(item.Id, 1, "old", "boom", false, w.Now)));
        Assert.Equal((WorkItemState.Assigned, 0.0, null, null), (item.State, item.Progress, item.ResultJson, item.Error));

        Assert.True(w.State.Started(new WorkItemStarted(item.Id, 2, "new", w.Now)));
        Assert.True(w.State.Progressed(new WorkItemProgressed(item.Id, 2, "new", 1.5, "step 10", new TrainingProgress(TrainingStages.Diffusion, 10, null, new Dictionary<string, double> { ["loss"] = 0.1 }), w.Now)));
        Assert.Equal((WorkItemState.Running, 1.0, "step 10", 0.1), (item.State, item.Progress, item.Message, item.Metrics["loss"]));
    }

    [Fact]
    public void A_stale_progress_report_arriving_while_the_item_is_requeued_does_not_revive_it()
    {
        var w = new SchedulerWorld();
        w.Host("old", gpus: 1);
        var item = w.Enqueue(Team, 1);
        w.Dispatch();
        w.Now = w.Now.AddMinutes(1);
        w.State.MarkLostHosts(w.Now, Timeout); // requeued, still attempt 1 until re-dispatched

        Assert.False(w.State.Progressed(new WorkItemProgressed(item.Id, 1, "old", 0.5, "late", null, w.Now)));
        Assert.Equal(WorkItemState.Queued, item.State);
        w.Host("new", gpus: 1);
        Assert.Equal([item.Id], w.Dispatch().Select(p => p.Item.Id));
    }

    [Fact]
    public void Started_only_moves_an_assigned_item_and_success_is_recorded_once()
    {
        var w = new SchedulerWorld();
        w.Host("h", gpus: 1);
        var item = w.Enqueue(Team, 1);
        w.Dispatch();
        Assert.True(w.State.Started(new WorkItemStarted(item.Id, 1, "h", w.Now)));
        Assert.False(w.State.Started(new WorkItemStarted(item.Id, 1, "h", w.Now))); // redelivered
        Assert.Same(item, w.State.Succeeded(new WorkItemSucceeded(item.Id, 1, "h", "{\"ok\":1}", w.Now)));
        Assert.Null(w.State.Succeeded(new WorkItemSucceeded(item.Id, 1, "h", "{\"ok\":2}", w.Now)));
        Assert.Null(w.State.Failed(new WorkItemFailed(item.Id, 1, "h", "late", false, w.Now)));
        Assert.Equal((WorkItemState.Succeeded, "{\"ok\":1}", 1.0, null), (item.State, item.ResultJson, item.Progress, item.Error));
    }

    [Fact]
    public void A_failure_report_marked_cancelled_cancels()
    {
        var w = new SchedulerWorld();
        w.Host("h", gpus: 1);
        var failed = w.Enqueue(Team, 1);
        w.Dispatch();
        w.State.Failed(new WorkItemFailed(failed.Id, 1, "h", "CUDA error", false, w.Now));
        Assert.Equal((WorkItemState.Failed, "CUDA error"), (failed.State, failed.Error));
        var stopped = w.Enqueue(Team, 1);
        w.Dispatch();
        w.State.Failed(new WorkItemFailed(stopped.Id, 1, "h", "stopped", true, w.Now));
        Assert.Equal(WorkItemState.Cancelled, stopped.State);
    }

    [Fact]
    public void Cancel_a_queued_item_needs_no_host_and_a_placed_one_names_its_host()
    {
        var w = new SchedulerWorld();
        w.Host("h", gpus: 1);
        var placed = w.Enqueue(Team, 1);
        w.Dispatch();
        var queued = w.Enqueue(Team, 1);
        w.Dispatch();
        Assert.Null(w.State.Cancel(queued.Id, w.Now));
        Assert.Equal("h", w.State.Cancel(placed.Id, w.Now));
        Assert.All([queued, placed], i => Assert.Equal((WorkItemState.Cancelled, "cancelled by a user"), (i.State, i.Error)));
    }

    [Theory]
    [InlineData(WorkItemState.Succeeded)]
    [InlineData(WorkItemState.Failed)]
    [InlineData(WorkItemState.Cancelled)]
    public void Cancelling_a_finished_item_is_an_illegal_transition(WorkItemState terminal)
    {
        var w = new SchedulerWorld();
        w.Host("h", gpus: 1);
        var item = w.Enqueue(Team, 1);
        w.Dispatch();
        switch (terminal)
        {
            case WorkItemState.Succeeded: w.RunToSuccess(item); break;
            case WorkItemState.Failed: w.State.Failed(new WorkItemFailed(item.Id, 1, "h", "x", false, w.Now)); break;
            default: w.State.Cancel(item.Id, w.Now); break;
        }
        var e = Assert.Throws<IllegalTransitionException>(() => w.State.Cancel(item.Id, w.Now));
        Assert.Equal($"Work item {item.Id} is already {terminal.ToString().ToLowerInvariant()} and cannot be cancelled.", e.Message);
        Assert.Equal(terminal, item.State);
    }

    [Fact]
    public void Cancelling_an_unknown_item_is_not_found()
    {
        var id = Guid.NewGuid();
        var e = Assert.Throws<EntityNotFoundException>(() => new SchedulerState().Cancel(id, DateTimeOffset.UtcNow));
        Assert.Equal($"Work item {id} does not exist.", e.Message);
    }

    [Fact]
    public void A_lost_host_that_heartbeats_again_is_online_and_gets_work()
    {
        var w = new SchedulerWorld();
        w.Host("h", gpus: 1);
        w.Now = w.Now.AddMinutes(1);
        w.State.MarkLostHosts(w.Now, Timeout);
        var item = w.Enqueue(Team, 1);
        Assert.Empty(w.Dispatch());
        var host = w.Host("h", gpus: 1);
        Assert.Equal(HostStatus.Online, host.Status);
        Assert.Equal([item.Id], w.Dispatch().Select(p => p.Item.Id));
        Assert.Equal("h", item.HostId);
    }

    [Fact]
    public void Finished_items_beyond_FinishedItemsKept_are_pruned_oldest_first()
    {
        var w = new SchedulerWorld();
        var live = w.Enqueue(Team, 0);
        var finished = new List<WorkItem>();
        for (var i = 0; i < SchedulerState.FinishedItemsKept + 5; i++)
        {
            var item = w.Enqueue(Team, 0);
            w.State.Cancel(item.Id, w.Now);
            finished.Add(item);
        }
        Assert.Equal(SchedulerState.FinishedItemsKept + 1, w.State.Items.Count);
        Assert.Contains(live, w.State.Items);
        Assert.DoesNotContain(finished[4], w.State.Items);
        Assert.Contains(finished[5], w.State.Items);
        Assert.Contains(finished[^1], w.State.Items);
    }
}
