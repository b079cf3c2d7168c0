namespace MedVid.Grains.UnitTests.Scheduling;

/// <summary>The queue positions the scheduler shows are the order in which it places work.</summary>
public sealed class QueuePositionTests : SqliteSiloTest
{
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();

    private ISchedulerGrain Scheduler => Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id);

    private static HostHeartbeat GpuHost(string id, int gpus) =>
        new(id, $"{id}.local", new HostCapacity(8, 0, Enumerable.Range(0, gpus).Select(i => new GpuInfo(i, "H100", 81920)).ToList()),
            [WorkKinds.Train], DateTimeOffset.UtcNow);

    private async Task<Guid> EnqueueAsync(Guid team, int priority)
    {
        var item = await Scheduler.EnqueueAsync(SchedulerWorld.Request(team, gpus: 1, priority: priority));
        await Task.Delay(5); // first come, first served needs distinct enqueue times
        return item.Id;
    }

    [Fact]
    public async Task Positions_shown_are_the_placement_order_with_teams_below_quota_first()
    {
        await Scheduler.SetTeamAsync(new TeamScheduling(TeamA, "A", 1, null));
        await Scheduler.SetTeamAsync(new TeamScheduling(TeamB, "B", 1, null));
        await Scheduler.HeartbeatAsync(GpuHost("small", gpus: 1));
        await EnqueueAsync(TeamA, priority: 0); // placed: team A now uses its whole quota
        var urgentOverQuota = await EnqueueAsync(TeamA, priority: 10);
        var belowQuota = await EnqueueAsync(TeamB, priority: 0);
        var belowQuotaLater = await EnqueueAsync(TeamB, priority: 0);

        var listed = (await Scheduler.ListAsync(TeamA)).Concat(await Scheduler.ListAsync(TeamB)).Where(i => i.QueuePosition is not null).ToList();
        var shown = listed.OrderBy(i => i.QueuePosition).Select(i => i.Id).ToList();
        Assert.Equal([belowQuota, belowQuotaLater, urgentOverQuota], shown);
        Assert.Equal([1, 2, 3], listed.Select(i => i.QueuePosition!.Value).Order());
        Assert.Equal(2, (await Scheduler.GetAsync(belowQuotaLater, TeamB)).QueuePosition);

        // A host with room for all of them: they are sent in exactly the order shown.
        var sentBefore = Host.Outbox.Sent<ExecuteWorkItem>().Count;
        await Scheduler.HeartbeatAsync(GpuHost("large", gpus: 3));
        var placed = Host.Outbox.Sent<ExecuteWorkItem>().Skip(sentBefore).Select(s => s.Message.WorkItemId).ToList();
        Assert.Equal(shown, placed);
    }
}
