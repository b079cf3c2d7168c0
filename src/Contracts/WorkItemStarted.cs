namespace MedVid.Contracts;

public sealed record WorkItemStarted(Guid WorkItemId, int Attempt, string HostId, DateTimeOffset At);
