namespace MedVid.Contracts;

/// <summary>
/// Command to a host's control queue: stop the given work item if it is running there. With <see cref="Attempt"/> only
/// that attempt is stopped, so a late command cannot stop the item's next attempt on the same host.
/// </summary>
public sealed record CancelWorkItem(Guid WorkItemId, int? Attempt = null);
