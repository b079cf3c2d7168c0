using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;
using MedVid.Grains.Training;

using Orleans;

namespace MedVid.Grains.Generation;

[GrainType(GrainTypeNames.GenerationJob)]
public sealed class GenerationJobGrain(TimeProvider clock, IGrainFactory grains)
    : OwnedWorkGrain<GenerationJobState, GenerationJobView>(clock, grains), IGenerationJobGrain
{
    public Task<GenerationJobView> StartAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec) => StartAsync(teamId, createdBy, spec, null);

    public Task<GenerationJobView> StartForExportAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid exportRunId) =>
        StartAsync(teamId, createdBy, spec, exportRunId);

    public Task<GenerationJobView> StartForEvaluationAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid evaluationId) =>
        StartAsync(teamId, createdBy, spec, null, evaluationId);

    private async Task<GenerationJobView> StartAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid? exportRunId, Guid? evaluationId = null)
    {
        spec.Validate();
        spec = spec.WithSeeds(Random.Shared);
        var run = Grains.GetGrain<ITrainingRunGrain>(spec.TrainingRunId);
        if ((await run.GetAsync()).TeamId != teamId) throw new EntityNotFoundException("The training run does not exist.");
        var checkpoint = await run.GetCheckpointAsync(spec.CheckpointStep);
        var workItemId = DeterministicGuid.From(Key, WorkKinds.Generate);
        State.Create(teamId, createdBy, spec, workItemId, Clock.GetUtcNow());
        (State.ExportRunId, State.EvaluationId) = (exportRunId, evaluationId);
        await WriteStateAsync();
        var payload = new GeneratePayload(Key, spec.TrainingRunId, checkpoint.Prefix, spec.Prompts, spec.CountPerPrompt, spec.Seeds!, spec.Sampler,
            spec.Steps, spec.Guidance, spec.Eta, spec.Spacing, spec.Frames, spec.Width, spec.Height, TeamBlobs.GenerationJob(teamId, Key));
        await Grains.EnqueueAsync(workItemId, teamId, WorkKinds.Generate, payload, new WorkOwner(WorkOwnerKind.GenerationJob, Key), spec.Gpus, spec.GpuMemoryGb * 1024L);
        return View();
    }

    public async Task ReportFinishedAsync(RunStatus outcome, GenerateResult? result, string? error)
    {
        if (State.Status.IsTerminal()) return;
        State.Finish(outcome, result is null ? null : JsonSerializer.Serialize(result), error, Clock.GetUtcNow());
        await WriteStateAsync();
    }

    protected override GenerationJobView View() => new(Key, State.TeamId, State.Spec!, State.Status, State.WorkItemId, State.Progress, State.ResultJson,
        State.Error, State.CreatedAt, State.FinishedAt, State.ExportRunId, State.EvaluationId);
}
