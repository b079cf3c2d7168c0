using MedVid.Contracts;
using MedVid.Grains.Datasets;
using MedVid.Grains.Scheduling;
using Orleans;

namespace MedVid.ControlPlane.Bus.Outcomes;

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
