namespace MedVid.Contracts;

/// <summary>
/// Command to a host's control queue: give back the GPUs of this attempt. A training run writes a checkpoint between two
/// steps and a generation job keeps the videos it finished; then the host reports <see cref="WorkItemPreempted"/>. A host
/// that does not within the scheduler's grace period has the attempt stopped (<see cref="CancelWorkItem"/>).
/// </summary>
public sealed record PreemptWorkItem(Guid WorkItemId, int Attempt, string Reason);
