namespace MedVid.Contracts;

/// <summary>A work item failed (<see cref="Cancelled"/> when it stopped because it was cancelled).</summary>
public sealed record WorkItemFailed(Guid WorkItemId, int Attempt, string HostId, string Error, bool Cancelled, DateTimeOffset At);
