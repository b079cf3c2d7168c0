using MedVid.Contracts;
using MedVid.Grains.Exports;
using MedVid.Grains.Scheduling;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

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
