using System.Text.Json;
using MedVid.Contracts;
using MedVid.Contracts.Training;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;
using MedVid.Grains.Training;

using Orleans;

namespace MedVid.Grains.Evaluations;

[GrainType(GrainTypeNames.Evaluation)]
public sealed class EvaluationGrain(TimeProvider clock, IGrainFactory grains)
    : OwnedWorkGrain<EvaluationState, EvaluationView>(clock, grains), IEvaluationGrain
{
    public async Task<EvaluationView> StartAsync(Guid teamId, Guid createdBy, EvaluationSpec spec)
    {
        // A run's checkpoint evaluations are asked for again on every stored checkpoint: answer those at once.
        if (State.Created) throw new IllegalTransitionException("The evaluation already exists.");
        spec.Validate();
        var workItemId = DeterministicGuid.From(Key, WorkKinds.Evaluate);
        if (spec.GenerationJobId is { } jobId)
        {
            var job = await Grains.GetGrain<IGenerationJobGrain>(jobId).GetAsync();
            if (job.TeamId != teamId) throw new EntityNotFoundException("The generation job does not exist.");
            if (job.Status != RunStatus.Succeeded || job.ResultJson is null)
                throw new IllegalTransitionException($"The generation job is {job.Status}: only a succeeded job's videos can be evaluated.");
            var videos = Videos(job);
            await RequireDatasetVersionAsync(teamId, spec);
            State.Create(teamId, createdBy, spec, jobId, job.Spec.TrainingRunId, videos.Count > 0 ? videos[0].CheckpointStep : 0, workItemId, Clock.GetUtcNow());
            await QueueWorkAsync(videos);
            return View();
        }

        if (spec.ExportRunId is { } exportId) return await StartForExportAsync(teamId, createdBy, spec, exportId, workItemId);

        var sample = spec.Checkpoint!;
        var run = await Grains.GetGrain<ITrainingRunGrain>(sample.TrainingRunId).GetAsync();
        if (run.TeamId != teamId) throw new EntityNotFoundException("The training run of checkpoint.trainingRunId does not exist.");
        var checkpoint = await Grains.GetGrain<ITrainingRunGrain>(sample.TrainingRunId).GetCheckpointAsync(sample.CheckpointStep);
        var trainedAt = run.Spec.Hyperparameters ?? new Dictionary<string, double>();
        var size = TrainingHyperparameters.GetInt(trainedAt, "resolution");
        var jobSpec = new GenerationJobSpec(sample.TrainingRunId, sample.Prompts, sample.CountPerPrompt, sample.Seeds, SamplingVocabulary.Ddim, sample.Steps,
            sample.Guidance, TrainingHyperparameters.GetInt(trainedAt, "frames"), size, size, Gpus: run.Spec.Gpus > 0 ? 1 : 0, CheckpointStep: checkpoint.Step);
        jobSpec.Validate(); // before anything is stored
        await RequireDatasetVersionAsync(teamId, spec);
        var sampleJobId = DeterministicGuid.From(Key, WorkKinds.Generate);
        State.Create(teamId, createdBy, spec, sampleJobId, sample.TrainingRunId, checkpoint.Step, workItemId, Clock.GetUtcNow());
        await WriteStateAsync();
        await Grains.GetGrain<IGenerationJobGrain>(sampleJobId).StartForEvaluationAsync(teamId, createdBy, jobSpec, Key);
        return View();
    }

    /// <summary>
    /// Every video a succeeded export run generated, over all its labels (before any acceptance filter: the evaluation
    /// measures what the model gave). Its view links the first label's generation job and names the run's checkpoint.
    /// </summary>
    private async Task<EvaluationView> StartForExportAsync(Guid teamId, Guid createdBy, EvaluationSpec spec, Guid exportId, Guid workItemId)
    {
        var export = await Grains.GetGrain<IExportRunGrain>(exportId).GetAsync();
        if (export.TeamId != teamId) throw new EntityNotFoundException("The export run does not exist.");
        if (export.Status != ExportRunStatus.Succeeded)
            throw new IllegalTransitionException($"The export run is {export.Status}: only a succeeded export's videos can be evaluated.");
        var jobs = new List<GenerationJobView>();
        foreach (var jobId in export.Labels.SelectMany(l => l.GenerationJobIds))
            if (await Grains.GetGrain<IGenerationJobGrain>(jobId).GetAsync() is { Status: RunStatus.Succeeded, ResultJson: not null } job) jobs.Add(job);
        if (jobs.Count == 0) throw new IllegalTransitionException("The export run has no generated videos to evaluate.");
        await RequireDatasetVersionAsync(teamId, spec);
        State.Create(teamId, createdBy, spec, jobs[0].Id, jobs[0].Spec.TrainingRunId, export.CheckpointStep, workItemId, Clock.GetUtcNow());
        await QueueWorkAsync([.. jobs.SelectMany(Videos)]);
        return View();
    }

    public async Task ReportGenerationFinishedAsync(Guid generationJobId)
    {
        if (State.Status.IsTerminal() || State.WorkQueued || generationJobId != State.GenerationJobId) return;
        var job = await Grains.GetGrain<IGenerationJobGrain>(generationJobId).GetAsync();
        if (job.Status == RunStatus.Succeeded && job.ResultJson is not null)
        {
            await QueueWorkAsync(Videos(job));
            return;
        }
        State.Finish(RunStatus.Failed, null, $"making its videos failed: the generation job {job.Status.ToString().ToLowerInvariant()}: {job.Error}",
            Clock.GetUtcNow());
        await WriteStateAsync();
    }

    public async Task ReportFinishedAsync(RunStatus outcome, EvaluateResult? result, string? error)
    {
        if (State.Status.IsTerminal()) return;
        State.Finish(outcome, result, error, Clock.GetUtcNow());
        await WriteStateAsync();
    }

    /// <summary>Cancelled while its videos are made: the generation job stops; once queued, the evaluate work item.</summary>
    protected override async Task StopWorkAsync()
    {
        if (State.WorkQueued) await base.StopWorkAsync();
        else await Grains.GetGrain<IGenerationJobGrain>(State.GenerationJobId).CancelAsync();
    }

    private async Task QueueWorkAsync(IReadOnlyList<GeneratedVideo> videos)
    {
        State.WorkQueued = true;
        await WriteStateAsync();
        var version = await Grains.GetGrain<IDatasetGrain>(State.Spec!.DatasetId).GetVersionAsync(State.Spec.DatasetVersion);
        var payload = new EvaluatePayload(Key, videos.Select(v => new EvaluatedVideo(v.Blob, v.Prompt)).ToList(), version.ManifestBlob,
            State.Spec.ReferenceSplit, $"{TeamBlobs.Prefix(State.TeamId)}evaluations/{Key:N}/report.json", State.Spec.EncoderLabel,
            $"dataset {State.Spec.DatasetId:N} v{State.Spec.DatasetVersion}");
        await Grains.EnqueueAsync(State.WorkItemId, State.TeamId, WorkKinds.Evaluate, payload, new WorkOwner(WorkOwnerKind.Evaluation, Key), 0, 0);
    }

    private async Task RequireDatasetVersionAsync(Guid teamId, EvaluationSpec spec)
    {
        var dataset = await Grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetAsync();
        if (dataset.TeamId != teamId) throw new EntityNotFoundException("The dataset does not exist.");
        await Grains.GetGrain<IDatasetGrain>(spec.DatasetId).GetVersionAsync(spec.DatasetVersion);
    }

    private static IReadOnlyList<GeneratedVideo> Videos(GenerationJobView job) => JsonSerializer.Deserialize<GenerateResult>(job.ResultJson!)!.Videos;

    protected override EvaluationView View() => new(Key, State.TeamId, State.Spec!, State.GenerationJobId, State.TrainingRunId, State.CheckpointStep,
        State.Status, State.WorkItemId, State.Progress, State.Result, State.Error, State.CreatedAt, State.FinishedAt);
}
