using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Scheduling;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

/// <summary>An evaluation's scoring step: its progress and its summary, or why it failed.</summary>
public sealed class EvaluationOutcomes(IGrainFactory grains) : IWorkOwnerOutcomes
{
    public WorkOwnerKind Kind => WorkOwnerKind.Evaluation;

    public Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress) => Evaluation(item).ReportProgressAsync(progress.Fraction);

    public Task SucceededAsync(WorkItemView item) => Evaluation(item).ReportFinishedAsync(RunStatus.Succeeded, item.Result<EvaluateResult>(), null);

    public Task FailedAsync(WorkItemView item) => Evaluation(item).ReportFinishedAsync(item.Outcome(), null, item.Error);

    private IEvaluationGrain Evaluation(WorkItemView item) => grains.GetGrain<IEvaluationGrain>(item.Owner.Id);
}
