using MedVid.Contracts;
using MedVid.ControlPlane.Bus.Outcomes;
using MedVid.Grains.Scheduling;

namespace MedVid.ControlPlane.Bus;

/// <summary>Tells the owner of a work item what happened to it, through the <see cref="IWorkOwnerOutcomes"/> of its kind.</summary>
public sealed class WorkOutcomeRouter(IEnumerable<IWorkOwnerOutcomes> owners)
{
    private readonly Dictionary<WorkOwnerKind, IWorkOwnerOutcomes> _byKind = owners.ToDictionary(o => o.Kind);

    public Task ProgressAsync(WorkItemView item, WorkItemProgressed progress) => OwnerOf(item).ProgressedAsync(item, progress);

    public Task SucceededAsync(WorkItemView item) => OwnerOf(item).SucceededAsync(item);

    public Task FailedAsync(WorkItemView item) => OwnerOf(item).FailedAsync(item);

    private IWorkOwnerOutcomes OwnerOf(WorkItemView item) =>
        _byKind.GetValueOrDefault(item.Owner.Kind) ?? throw new InvalidOperationException($"No owner outcomes for {item.Owner.Kind} work items.");
}
