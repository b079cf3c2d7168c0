using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

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
