namespace MedVid.Contracts;

/// <summary>
/// A host gave back an attempt's GPUs after <see cref="PreemptWorkItem"/>. <see cref="Step"/> is the training step of the
/// checkpoint it wrote (null for work without steps); the item resumes from there wherever it is placed next.
/// </summary>
public sealed record WorkItemPreempted(Guid WorkItemId, int Attempt, string HostId, DateTimeOffset At, long? Step, string Message);
