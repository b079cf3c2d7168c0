using MedVid.Contracts;
using MedVid.Contracts.Training;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;

using Orleans;

namespace MedVid.Grains.Training;

[GrainType(GrainTypeNames.TrainingRun)]
public sealed class TrainingRunGrain(TimeProvider clock, IGrainFactory grains) : StatefulGrain<TrainingRunState>, ITrainingRunGrain
{
    public async Task<TrainingRunView> StartAsync(Guid teamId, Guid createdBy, TrainingRunSpec spec)
    {
        spec.Validate();
        var dataset = await grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetAsync();
        if (dataset.TeamId != teamId) throw new EntityNotFoundException("The dataset does not exist.");
        var version = await grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetVersionAsync(spec.DatasetVersion);
        var baseCheckpoint = spec.BaseRunId is { } baseRun ? await CheckpointOfTeamAsync(baseRun, teamId, "base run") : null;
        var vaeCheckpoint = spec.VaeRunId is { } vaeRun ? await CheckpointOfTeamAsync(vaeRun, teamId, "VAE run") : null;
        var workItemId = DeterministicGuid.From(Key, WorkKinds.Train);
        State.Create(teamId, createdBy, spec, workItemId, clock.GetUtcNow());
        await WriteStateAsync();
        var payload = new TrainPayload(Key, spec.DatasetId, spec.DatasetVersion, version.ManifestBlob, spec.Recipe, spec.ModelSize,
            spec.Hyperparameters ?? new Dictionary<string, double>(), spec.TotalSteps, $"{TeamBlobs.Prefix(teamId)}training-runs/{Key:N}",
            baseCheckpoint?.Prefix, vaeCheckpoint?.Prefix);
        await grains.EnqueueAsync(workItemId, teamId, WorkKinds.Train, payload, new WorkOwner(WorkOwnerKind.TrainingRun, Key), spec.Gpus, spec.GpuMemoryGb * 1024L);
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

    public async Task ReportProgressAsync(TrainingProgress? progress)
    {
        if (State.Status.IsTerminal()) return; // a late progress message after cancel
        State.Progress(progress, clock.GetUtcNow());
        await WriteStateAsync();
    }

    public async Task ReportFinishedAsync(RunStatus outcome, string? error, TrainResult? result = null)
    {
        if (State.Status.IsTerminal()) return;
        State.Finish(outcome, error, clock.GetUtcNow(), result?.Checkpoints);
        await WriteStateAsync();
    }

    public Task<IReadOnlyList<MetricPoint>> GetMetricsAsync()
    {
        State.RequireCreated();
        return Task.FromResult<IReadOnlyList<MetricPoint>>(State.History);
    }

    public async Task ReportCheckpointsStoredAsync(IReadOnlyList<CheckpointRecord> checkpoints)
    {
        if (State.Status.IsTerminal()) return; // a late report after the result, which lists them all
        State.CheckpointsStored(checkpoints);
        await WriteStateAsync();
    }

    public Task<CheckpointRecord> GetCheckpointAsync(long? step) => Task.FromResult(State.RequireCheckpoint(step));

    /// <summary>The latest checkpoint of another run of the same team; another team's run reads as missing.</summary>
    private async Task<CheckpointRecord> CheckpointOfTeamAsync(Guid runId, Guid teamId, string role)
    {
        var run = grains.GetGrain<ITrainingRunGrain>(runId);
        if ((await run.GetAsync()).TeamId != teamId) throw new EntityNotFoundException($"The {role} does not exist.");
        return await run.GetCheckpointAsync(null);
    }

    private TrainingRunView View() => State.ToView(Key);
}
