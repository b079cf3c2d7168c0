namespace MedVid.Contracts;

/// <summary>A work item finished; <see cref="ResultJson"/> is the kind-specific result (e.g. <see cref="IngestVideoResult"/>).</summary>
public sealed record WorkItemSucceeded(Guid WorkItemId, int Attempt, string HostId, string ResultJson, DateTimeOffset At);
