namespace MedVid.Contracts;

/// <summary>Command to a host's control queue: stop the given work item if it is running there.</summary>
public sealed record CancelWorkItem(Guid WorkItemId);
