namespace MedVid.Contracts;

/// <summary>A work item failed (<see cref="Cancelled"/> when it stopped because it was cancelled).</summary>
/// <param name="ResultJson">What a failed item still produced, when its owner should keep it (a curation that dropped every clip keeps its statistics).</param>
public sealed record WorkItemFailed(Guid WorkItemId, int Attempt, string HostId, string Error, bool Cancelled, DateTimeOffset At, string? ResultJson = null);
