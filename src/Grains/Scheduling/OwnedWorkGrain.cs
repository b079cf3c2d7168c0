using MedVid.Grains.Runtime;

using Orleans;

namespace MedVid.Grains.Scheduling;

/// <summary>
/// A grain whose state owns one work item (a generation job, an evaluation): reading it, cancelling it with its work
/// item, and progress reports from the host (ignored once it ended: a late report after a cancel).
/// </summary>
public abstract class OwnedWorkGrain<TState, TView>(TimeProvider clock, IGrainFactory grains) : StatefulGrain<TState>
    where TState : OwnedWorkState, new()
{
    protected TimeProvider Clock => clock;

    protected IGrainFactory Grains => grains;

    protected abstract TView View();

    public Task<TView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<TView> CancelAsync()
    {
        State.Cancel(clock.GetUtcNow());
        await WriteStateAsync();
        await StopWorkAsync();
        return View();
    }

    /// <summary>Stops what runs for a cancelled entity: its work item.</summary>
    protected virtual Task StopWorkAsync() => grains.CancelAsync(State.WorkItemId, State.TeamId);

    public async Task ReportProgressAsync(double fraction)
    {
        if (State.Status.IsTerminal()) return;
        State.ReportProgress(fraction);
        await WriteStateAsync();
    }
}
