using MedVid.Compute.Work;

namespace MedVid.Compute.UnitTests;

public sealed class RunningWorkTests
{
    [Fact]
    public void A_duplicate_delivery_of_a_running_item_is_not_started_twice()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        using var first = running.TryStart(id, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(running.TryStart(id, CancellationToken.None));
        running.Finish(id);
        using var again = running.TryStart(id, CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public void Cancel_reaches_a_running_item()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        var cts = running.TryStart(id, CancellationToken.None)!;
        Assert.True(running.Cancel(id));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void A_cancel_that_overtakes_its_item_cancels_it_when_it_starts()
    {
        var running = new RunningWork();
        var id = Guid.NewGuid();
        Assert.False(running.Cancel(id));
        using var cts = running.TryStart(id, CancellationToken.None)!;
        Assert.True(cts.IsCancellationRequested);
        running.Finish(id);
        using var next = running.TryStart(id, CancellationToken.None)!;
        Assert.False(next.IsCancellationRequested); // remembered once, not forever
    }

    [Fact]
    public void Host_shutdown_cancels_running_items()
    {
        using var stopping = new CancellationTokenSource();
        var running = new RunningWork();
        using var cts = running.TryStart(Guid.NewGuid(), stopping.Token)!;
        stopping.Cancel();
        Assert.True(cts.IsCancellationRequested);
    }
}
