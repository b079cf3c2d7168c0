using MedVid.Compute.Work;

namespace MedVid.Compute.UnitTests;

public sealed class RunningWorkTests
{
    [Fact]
    public void A_duplicate_delivery_of_a_running_item_is_not_started_twice()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        using var first = running.TryStart(id, 1, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(running.TryStart(id, 1, CancellationToken.None));
        running.Finish(id);
        using var again = running.TryStart(id, 1, CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public void Cancel_reaches_a_running_item()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        var attempt = running.TryStart(id, 1, CancellationToken.None)!;
        Assert.True(running.Cancel(id));
        Assert.True(attempt.Cancellation.IsCancellationRequested);
        Assert.False(attempt.Preemption.IsCancellationRequested);
    }

    [Fact]
    public void A_cancel_that_overtakes_its_item_cancels_it_when_it_starts()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        Assert.False(running.Cancel(id));
        using var cancelled = running.TryStart(id, 1, CancellationToken.None)!;
        Assert.True(cancelled.Cancellation.IsCancellationRequested);
        running.Finish(id);
        using var next = running.TryStart(id, 2, CancellationToken.None)!;
        Assert.False(next.Cancellation.IsCancellationRequested); // remembered once, not forever
    }

    [Fact]
    public void A_cancel_for_an_earlier_attempt_does_not_stop_the_next_attempt_on_the_same_host()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        using var second = running.TryStart(id, 2, CancellationToken.None)!;
        Assert.False(running.Cancel(id, attempt: 1));
        Assert.False(second.Cancellation.IsCancellationRequested);
        running.Finish(id);
        using var third = running.TryStart(id, 3, CancellationToken.None)!;
        Assert.False(third.Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void Preempt_asks_only_the_named_attempt_and_one_that_overtakes_its_item_applies_when_it_starts()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        using (var first = running.TryStart(id, 1, CancellationToken.None)!)
        {
            Assert.False(running.Preempt(id, 2));
            Assert.False(first.Preemption.IsCancellationRequested);
            Assert.True(running.Preempt(id, 1));
            Assert.True(first.Preemption.IsCancellationRequested);
            Assert.False(first.Cancellation.IsCancellationRequested); // a preempted item stops on its own, after a checkpoint
        }
        running.Finish(id);
        using var second = running.TryStart(id, 2, CancellationToken.None)!;
        Assert.True(second.Preemption.IsCancellationRequested); // the notice for attempt 2 came before it started
    }

    [Fact]
    public void Host_shutdown_cancels_running_items()
    {
        using var stopping = new CancellationTokenSource();
        var running = new RunningWork();
        using var attempt = running.TryStart(Guid.NewGuid(), 1, stopping.Token)!;
        stopping.Cancel();
        Assert.True(attempt.Cancellation.IsCancellationRequested);
    }
}
