using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

// One class per owner kind (IWorkOwnerOutcomes); each is a few lines, so they are read together here.

/// <summary>A video being ingested: its dataset records the proxy and probe, or why it could not be ingested.</summary>
public sealed class DatasetVideoOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.DatasetVideo;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Task.CompletedTask;

    public Task SucceededAsync(WorkItemView item) =>
        Dataset(item).CompleteIngestAsync(item.Owner.SubId!.Value, item.Result<IngestVideoResult>());

    public Task FailedAsync(WorkItemView item) => Dataset(item).FailIngestAsync(item.Owner.SubId!.Value, item.Error ?? "ingest failed");

    private IDatasetGrain Dataset(WorkItemView item) => grains.GetGrain<IDatasetGrain>(item.Owner.Id);
}

/// <summary>A curation: its dataset follows its progress and records the new version, or why there is none.</summary>
public sealed class CurationOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.Curation;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) =>
        Dataset(item).ReportCurationProgressAsync(item.Owner.SubId!.Value, progress.Fraction, progress.Message);

    public Task SucceededAsync(WorkItemView item) => Dataset(item).CompleteCurationAsync(item.Owner.SubId!.Value, item.Result<CurateResult>());

    /// <summary>A curation that stored its statistics but kept no clip fails with them, so the dataset shows why.</summary>
    public Task FailedAsync(WorkItemView item) =>
        item.ResultJson is not null
            ? Dataset(item).CompleteCurationAsync(item.Owner.SubId!.Value, item.Result<CurateResult>())
            : Dataset(item).FailCurationAsync(item.Owner.SubId!.Value, item.Error ?? "curation failed", item.State == WorkItemState.Cancelled);

    private IDatasetGrain Dataset(WorkItemView item) => grains.GetGrain<IDatasetGrain>(item.Owner.Id);
}

/// <summary>A training run: its stage, step and measurements, its checkpoints, and the evaluations it asked for.</summary>
public sealed class TrainingRunOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.TrainingRun;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Run(item.Owner.Id).ReportProgressAsync(progress.Training);

    public async Task SucceededAsync(WorkItemView item)
    {
        await Run(item.Owner.Id).ReportFinishedAsync(RunStatus.Succeeded, null, item.Result<TrainResult>());
        await EvaluateCheckpointsAsync(item.Owner.Id);
    }

    public Task FailedAsync(WorkItemView item) => Run(item.Owner.Id).ReportFinishedAsync(item.Outcome(), item.Error);

    /// <summary>
    /// A run that asked for it gets one evaluation per checkpoint it keeps: as each is stored while it trains, and for
    /// all of them when it succeeded. Their ids derive from the run and the step, so a checkpoint already evaluated (or
    /// a redelivered message) starts nothing twice.
    /// </summary>
    public async Task EvaluateCheckpointsAsync(Guid runId)
    {
        var run = await Run(runId).GetAsync();
        if (run.Spec.Evaluation is not { } plan || run.Status is RunStatus.Failed or RunStatus.Cancelled) return;
        foreach (var checkpoint in run.Checkpoints)
        {
            var evaluation = grains.GetGrain<IEvaluationGrain>(DeterministicGuid.From(runId, $"evaluation-{checkpoint.Step}"));
            try
            {
                await evaluation.StartAsync(run.TeamId, run.CreatedBy, new EvaluationSpec(null, run.Spec.DatasetId, run.Spec.DatasetVersion,
                    plan.ReferenceSplit, plan.SampleOf(runId, checkpoint.Step)));
            }
            catch (IllegalTransitionException)
            {
                // Started by an earlier delivery of this outcome.
            }
        }
    }

    private ITrainingRunGrain Run(Guid id) => grains.GetGrain<ITrainingRunGrain>(id);
}

/// <summary>A generation job: its progress and videos, then the export run or evaluation it was made for, if any.</summary>
public sealed class GenerationJobOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.GenerationJob;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Job(item).ReportProgressAsync(progress.Fraction);

    public async Task SucceededAsync(WorkItemView item)
    {
        await Job(item).ReportFinishedAsync(RunStatus.Succeeded, item.Result<GenerateResult>(), null);
        await TellJobOwnerAsync(item.Owner.Id);
    }

    public async Task FailedAsync(WorkItemView item)
    {
        await Job(item).ReportFinishedAsync(item.Outcome(), null, item.Error);
        await TellJobOwnerAsync(item.Owner.Id);
    }

    /// <summary>
    /// A job made for an export run or an evaluation is reported there too, after the job recorded its outcome (called
    /// from here, not from the job, so the job never calls a grain that may be calling it).
    /// </summary>
    private async Task TellJobOwnerAsync(Guid generationJobId)
    {
        var job = await grains.GetGrain<IGenerationJobGrain>(generationJobId).GetAsync();
        if (job.ExportRunId is { } run) await grains.GetGrain<IExportRunGrain>(run).ReportGenerationFinishedAsync(generationJobId);
        if (job.EvaluationId is { } evaluation) await grains.GetGrain<IEvaluationGrain>(evaluation).ReportGenerationFinishedAsync(generationJobId);
    }

    private IGenerationJobGrain Job(WorkItemView item) => grains.GetGrain<IGenerationJobGrain>(item.Owner.Id);
}

/// <summary>An export run's packaging step: the run records its package, or why packaging failed.</summary>
public sealed class ExportRunOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.ExportRun;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Task.CompletedTask;

    public Task SucceededAsync(WorkItemView item) => Run(item).ReportPackagedAsync(item.Result<PackageExportResult>());

    public Task FailedAsync(WorkItemView item) =>
        Run(item).ReportPackagingFailedAsync(item.Error ?? (item.State == WorkItemState.Cancelled ? "the packaging was cancelled" : "the packaging failed"));

    private IExportRunGrain Run(WorkItemView item) => grains.GetGrain<IExportRunGrain>(item.Owner.Id);
}

/// <summary>An evaluation's scoring step: its progress and its summary, or why it failed.</summary>
public sealed class EvaluationOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.Evaluation;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Evaluation(item).ReportProgressAsync(progress.Fraction);

    public Task SucceededAsync(WorkItemView item) => Evaluation(item).ReportFinishedAsync(RunStatus.Succeeded, item.Result<EvaluateResult>(), null);

    public Task FailedAsync(WorkItemView item) => Evaluation(item).ReportFinishedAsync(item.Outcome(), null, item.Error);

    private IEvaluationGrain Evaluation(WorkItemView item) => grains.GetGrain<IEvaluationGrain>(item.Owner.Id);
}
