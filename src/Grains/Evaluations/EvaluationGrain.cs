using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Generation;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;

using Orleans;

namespace MedVid.Grains.Evaluations;

[GrainType(GrainTypeNames.Evaluation)]
public sealed class EvaluationGrain(TimeProvider clock, IGrainFactory grains)
    : OwnedWorkGrain<EvaluationState, EvaluationView>(clock, grains), IEvaluationGrain
{
    public async Task<EvaluationView> StartAsync(Guid teamId, Guid createdBy, EvaluationSpec spec)
    {
        spec.Validate();
        var job = await Grains.GetGrain<IGenerationJobGrain>(spec.GenerationJobId).GetAsync();
        if (job.TeamId != teamId) throw new EntityNotFoundException("The generation job does not exist.");
        if (job.Status != RunStatus.Succeeded || job.ResultJson is null)
            throw new IllegalTransitionException($"The generation job is {job.Status}: only a succeeded job's videos can be evaluated.");
        var videos = JsonSerializer.Deserialize<GenerateResult>(job.ResultJson)!.Videos;
        var dataset = await Grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetAsync();
        if (dataset.TeamId != teamId) throw new EntityNotFoundException("The dataset does not exist.");
        var version = await Grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetVersionAsync(spec.DatasetVersion);

        var workItemId = DeterministicGuid.From(Key, WorkKinds.Evaluate);
        State.Create(teamId, createdBy, spec, job.Spec.TrainingRunId, videos.Count > 0 ? videos[0].CheckpointStep : 0, workItemId, Clock.GetUtcNow());
        await WriteStateAsync();
        var payload = new EvaluatePayload(Key, videos.Select(v => new EvaluatedVideo(v.Blob, v.Prompt)).ToList(), version.ManifestBlob,
            spec.ReferenceSplit, $"{TeamBlobs.Prefix(teamId)}evaluations/{Key:N}/report.json");
        await Grains.EnqueueAsync(workItemId, teamId, WorkKinds.Evaluate, payload, new WorkOwner(WorkOwnerKind.Evaluation, Key), 0, 0);
        return View();
    }

    public async Task ReportFinishedAsync(RunStatus outcome, EvaluateResult? result, string? error)
    {
        if (State.Status.IsTerminal()) return;
        State.Finish(outcome, result, error, Clock.GetUtcNow());
        await WriteStateAsync();
    }

    protected override EvaluationView View() => new(Key, State.TeamId, State.Spec!, State.TrainingRunId, State.CheckpointStep, State.Status, State.WorkItemId,
        State.Progress, State.Result, State.Error, State.CreatedAt, State.FinishedAt);
}
