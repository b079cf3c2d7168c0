using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using Orleans;
using MedVid.Grains.Datasets;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;

namespace MedVid.ControlPlane.Bus;

/// <summary>
/// Tells the owner of a work item what happened to it. The scheduler does not call owners itself: owners call the
/// scheduler inside their turns, and a call back inside the scheduler's turn could deadlock the two.
/// </summary>
public sealed class WorkOutcomeRouter(IGrainFactory grains)
{
    public async Task ProgressAsync(WorkItemView item, WorkItemProgressed progress)
    {
        switch (item.Owner.Kind)
        {
            case WorkOwnerKind.Dataset:
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).ReportCurationProgressAsync(item.Owner.SubId!.Value, progress.Fraction, progress.Message);
                break;
            case WorkOwnerKind.TrainingRun:
                await grains.GetGrain<ITrainingRunGrain>(item.Owner.Id).ReportProgressAsync(progress.Metrics);
                break;
            case WorkOwnerKind.GenerationJob:
                await grains.GetGrain<IGenerationJobGrain>(item.Owner.Id).ReportProgressAsync(progress.Fraction);
                break;
            case WorkOwnerKind.Evaluation:
                await grains.GetGrain<IEvaluationGrain>(item.Owner.Id).ReportProgressAsync(progress.Fraction);
                break;
        }
    }

    public async Task SucceededAsync(WorkItemView item)
    {
        switch (item.Owner.Kind)
        {
            case WorkOwnerKind.DatasetVideo:
                var result = JsonSerializer.Deserialize<IngestVideoResult>(item.ResultJson!)!;
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).CompleteIngestAsync(item.Owner.SubId!.Value, result);
                break;
            case WorkOwnerKind.Dataset:
                var curated = JsonSerializer.Deserialize<CurateResult>(item.ResultJson!)!;
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).CompleteCurationAsync(item.Owner.SubId!.Value, curated);
                break;
            case WorkOwnerKind.TrainingRun:
                var trained = JsonSerializer.Deserialize<TrainResult>(item.ResultJson!)!;
                await grains.GetGrain<ITrainingRunGrain>(item.Owner.Id).ReportFinishedAsync(RunStatus.Succeeded, null, trained);
                await EvaluateCheckpointsAsync(item.Owner.Id);
                break;
            case WorkOwnerKind.GenerationJob:
                await grains.GetGrain<IGenerationJobGrain>(item.Owner.Id).ReportFinishedAsync(RunStatus.Succeeded, item.ResultJson, null);
                await TellJobOwnerAsync(item.Owner.Id);
                break;
            case WorkOwnerKind.ExportRun:
                var packaged = JsonSerializer.Deserialize<PackageExportResult>(item.ResultJson!)!;
                await grains.GetGrain<IExportRunGrain>(item.Owner.Id).ReportPackagedAsync(packaged);
                break;
            case WorkOwnerKind.Evaluation:
                var evaluated = JsonSerializer.Deserialize<EvaluateResult>(item.ResultJson!)!;
                await grains.GetGrain<IEvaluationGrain>(item.Owner.Id).ReportFinishedAsync(RunStatus.Succeeded, evaluated, null);
                break;
        }
    }

    /// <summary>
    /// A run that asked for it gets one evaluation per checkpoint it keeps: as each is stored while it trains, and for
    /// all of them when it succeeded. Their ids derive from the run and the step, so a checkpoint already evaluated (or
    /// a redelivered message) starts nothing twice.
    /// </summary>
    public async Task EvaluateCheckpointsAsync(Guid runId)
    {
        var run = await grains.GetGrain<ITrainingRunGrain>(runId).GetAsync();
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

    public async Task FailedAsync(WorkItemView item)
    {
        var outcome = item.State == WorkItemState.Cancelled ? RunStatus.Cancelled : RunStatus.Failed;
        switch (item.Owner.Kind)
        {
            case WorkOwnerKind.DatasetVideo:
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).FailIngestAsync(item.Owner.SubId!.Value, item.Error ?? "ingest failed");
                break;
            case WorkOwnerKind.Dataset when item.ResultJson is not null:
                // A run that stored its statistics but kept no clip: the dataset records it as failed with them.
                var dropped = JsonSerializer.Deserialize<CurateResult>(item.ResultJson)!;
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).CompleteCurationAsync(item.Owner.SubId!.Value, dropped);
                break;
            case WorkOwnerKind.Dataset:
                await grains.GetGrain<IDatasetGrain>(item.Owner.Id).FailCurationAsync(item.Owner.SubId!.Value, item.Error ?? "curation failed",
                    item.State == WorkItemState.Cancelled);
                break;
            case WorkOwnerKind.TrainingRun:
                await grains.GetGrain<ITrainingRunGrain>(item.Owner.Id).ReportFinishedAsync(outcome, item.Error);
                break;
            case WorkOwnerKind.GenerationJob:
                await grains.GetGrain<IGenerationJobGrain>(item.Owner.Id).ReportFinishedAsync(outcome, null, item.Error);
                await TellJobOwnerAsync(item.Owner.Id);
                break;
            case WorkOwnerKind.Evaluation:
                await grains.GetGrain<IEvaluationGrain>(item.Owner.Id).ReportFinishedAsync(outcome, null, item.Error);
                break;
            case WorkOwnerKind.ExportRun:
                await grains.GetGrain<IExportRunGrain>(item.Owner.Id).ReportPackagingFailedAsync(
                    item.Error ?? (item.State == WorkItemState.Cancelled ? "the packaging was cancelled" : "the packaging failed"));
                break;
        }
    }
}
