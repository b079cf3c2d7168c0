namespace MedVid.Grains.UnitTests.Scheduling;

public sealed class RunStatusTransitionsTests
{
    public static TheoryData<RunStatus, RunStatus, bool> Matrix()
    {
        var data = new TheoryData<RunStatus, RunStatus, bool>();
        foreach (var from in Enum.GetValues<RunStatus>())
        foreach (var to in Enum.GetValues<RunStatus>())
        {
            var allowed = from is RunStatus.Queued or RunStatus.Running && to != RunStatus.Queued;
            data.Add(from, to, allowed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Only_queued_and_running_runs_move_and_never_back_to_queued(RunStatus from, RunStatus to, bool allowed)
    {
        if (allowed)
        {
            RunStatusTransitions.Require("run", from, to);
            return;
        }
        var e = Assert.Throws<IllegalTransitionException>(() => RunStatusTransitions.Require("run", from, to));
        Assert.Equal($"The run is {from.ToString().ToLowerInvariant()}; it cannot become {to.ToString().ToLowerInvariant()}.", e.Message);
    }

    [Theory]
    [InlineData(RunStatus.Queued, false)]
    [InlineData(RunStatus.Running, false)]
    [InlineData(RunStatus.Succeeded, true)]
    [InlineData(RunStatus.Failed, true)]
    [InlineData(RunStatus.Cancelled, true)]
    public void Terminal_states(RunStatus status, bool terminal) => Assert.Equal(terminal, status.IsTerminal());
}
