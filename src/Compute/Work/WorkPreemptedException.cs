namespace MedVid.Compute.Work;

/// <summary>
/// Thrown by a handler that gave back its GPUs after a preemption notice, once what it did so far is stored (a training
/// checkpoint at <see cref="Step"/>, the videos it finished); the host then reports the item preempted.
/// </summary>
public sealed class WorkPreemptedException(long? step, string message) : Exception(message)
{
    public long? Step { get; } = step;
}
