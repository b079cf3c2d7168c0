using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Scheduling;

namespace MedVid.ControlPlane.Bus.Outcomes;

/// <summary>
/// What the owner of one kind of work item is told as the item progresses, succeeds or fails (one implementation per
/// <see cref="WorkOwnerKind"/>). Called from bus consumers, never from inside the scheduler's turn: owners call the
/// scheduler inside their own turns, and a call back from the scheduler could deadlock the two.
/// </summary>
public interface IWorkOwnerOutcomes
{
    WorkOwnerKind Kind { get; }

    Task ProgressedAsync(WorkItemView item, WorkItemProgressed progress);

    Task SucceededAsync(WorkItemView item);

    /// <summary>The item failed or was cancelled (<see cref="WorkItemView.State"/> says which).</summary>
    Task FailedAsync(WorkItemView item);
}

internal static class WorkItemResults
{
    /// <summary>The item's result as its kind's result record.</summary>
    public static T Result<T>(this WorkItemView item) =>
        JsonSerializer.Deserialize<T>(item.ResultJson ?? throw new InvalidOperationException($"Work item {item.Id} has no result."))
        ?? throw new InvalidOperationException($"Work item {item.Id} has an empty result.");

    public static RunStatus Outcome(this WorkItemView item) => item.State == WorkItemState.Cancelled ? RunStatus.Cancelled : RunStatus.Failed;
}
