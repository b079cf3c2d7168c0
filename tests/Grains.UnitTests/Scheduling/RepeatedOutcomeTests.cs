namespace MedVid.Grains.UnitTests.Scheduling;

/// <summary>
/// A redelivered outcome report must reach the owner again (the first delivery may have died before telling it),
/// but only for the outcome that was recorded and only for that attempt.
/// </summary>
public sealed class RepeatedOutcomeTests
{
    [Fact]
    public void A_repeated_success_finds_the_recorded_item_and_nothing_else_does()
    {
        var world = new SchedulerWorld();
        world.Host("h", cpuSlots: 1);
        var item = world.Enqueue(Guid.NewGuid(), gpus: 0);
        world.Dispatch();
        world.RunToSuccess(item);

        Assert.Null(world.State.Succeeded(new WorkItemSucceeded(item.Id, item.Attempt, "h", "{}", world.Now)));
        Assert.Same(item, world.State.AlreadyRecorded(item.Id, item.Attempt, WorkItemState.Succeeded));
        Assert.Null(world.State.AlreadyRecorded(item.Id, item.Attempt, WorkItemState.Failed, WorkItemState.Cancelled));
        Assert.Null(world.State.AlreadyRecorded(item.Id, item.Attempt + 1, WorkItemState.Succeeded));
    }

    [Fact]
    public void A_cancelled_item_is_not_reported_as_a_success()
    {
        var world = new SchedulerWorld();
        world.Host("h", cpuSlots: 1);
        var item = world.Enqueue(Guid.NewGuid(), gpus: 0);
        world.Dispatch();
        world.State.Cancel(item.Id, world.Now);

        Assert.Null(world.State.AlreadyRecorded(item.Id, item.Attempt, WorkItemState.Succeeded));
        Assert.Same(item, world.State.AlreadyRecorded(item.Id, item.Attempt, WorkItemState.Failed, WorkItemState.Cancelled));
    }
}
