namespace MedVid.Contracts;

/// <summary>
/// Command sent by the scheduler to one host's queue. <see cref="Attempt"/> distinguishes a re-dispatch
/// after host loss from the original, so results of a stale attempt can be ignored. <see cref="GpuIndexes"/> are
/// the host's GPUs the scheduler placed the item on (empty: CPU slots).
/// </summary>
public sealed record ExecuteWorkItem(Guid WorkItemId, int Attempt, string Kind, Guid TeamId, string PayloadJson, IReadOnlyList<int>? GpuIndexes = null);
