using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Training;

public sealed class TrainingRunGrain(TimeProvider clock, IGrainFactory grains) : Grain<TrainingRunState>, ITrainingRunGrain
{
    public async Task<TrainingRunView> StartAsync(Guid teamId, Guid createdBy, TrainingRunSpec spec)
    {
        spec.Validate();
        var dataset = await grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetAsync();
        if (dataset.TeamId != teamId) throw new EntityNotFoundException("The dataset does not exist.");
        var version = await grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetVersionAsync(spec.DatasetVersion);
        var workItemId = DeterministicGuid.From(Key, WorkKinds.Train);
        State.Create(teamId, createdBy, spec, workItemId, clock.GetUtcNow());
        await WriteStateAsync();
        var payload = new TrainPayload(Key, spec.DatasetId, spec.DatasetVersion, version.ManifestBlob, spec.Recipe, spec.ModelSize,
            spec.Hyperparameters ?? new Dictionary<string, double>(), spec.TotalSteps);
        await grains.EnqueueAsync(workItemId, teamId, WorkKinds.Train, payload, new WorkOwner(WorkOwnerKind.TrainingRun, Key), spec.Gpus);
        return View();
    }

    public Task<TrainingRunView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<TrainingRunView> CancelAsync()
    {
        State.Finish(RunStatus.Cancelled, "cancelled by a user", clock.GetUtcNow());
        await WriteStateAsync();
        await grains.CancelAsync(State.WorkItemId, State.TeamId);
        return View();
    }

    public async Task ReportProgressAsync(long step, IReadOnlyDictionary<string, double>? metrics)
    {
        if (State.Status.IsTerminal()) return; // a late progress message after cancel
        State.Progress(step, metrics, clock.GetUtcNow());
        await WriteStateAsync();
    }

    public async Task ReportFinishedAsync(RunStatus outcome, string? error)
    {
        if (State.Status.IsTerminal()) return;
        State.Finish(outcome, error, clock.GetUtcNow());
        await WriteStateAsync();
    }

    private TrainingRunView View() => new(Key, State.TeamId, State.Spec!, State.Status, State.WorkItemId, State.Step, State.Metrics,
        State.Error, State.CreatedAt, State.StartedAt, State.FinishedAt);
}
