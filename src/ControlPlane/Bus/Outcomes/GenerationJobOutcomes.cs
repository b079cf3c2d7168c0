using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Scheduling;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

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
