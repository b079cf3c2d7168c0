using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Scheduling;

/// <summary>Lifecycle shared by training runs and generation jobs.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class RunStatusTransitions
{
    public static bool IsTerminal(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>Checks that a run in <paramref name="from"/> may move to <paramref name="to"/>; terminal states are final.</summary>
    public static void Require(string what, RunStatus from, RunStatus to)
    {
        var allowed = from switch
        {
            RunStatus.Queued => to is RunStatus.Running or RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled,
            RunStatus.Running => to is RunStatus.Running or RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled,
            _ => false,
        };
        if (!allowed)
            throw new IllegalTransitionException($"The {what} is {from.ToString().ToLowerInvariant()}; it cannot become {to.ToString().ToLowerInvariant()}.");
    }
}
