namespace MedVid.Contracts;

/// <summary>Event published by the control plane when a work item changes state, so every process (portal pages) can refresh.</summary>
public sealed record WorkItemChanged(Guid WorkItemId, Guid TeamId, string Kind, string State, double Progress, string? Message, DateTimeOffset At);
