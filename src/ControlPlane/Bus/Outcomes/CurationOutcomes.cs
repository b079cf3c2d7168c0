using MedVid.Contracts;
using MedVid.Grains.Datasets;
using MedVid.Grains.Scheduling;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

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
