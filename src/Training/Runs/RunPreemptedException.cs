namespace MedVid.Training.Runs;

/// <summary>
/// A run stopped because its GPUs were reclaimed. <see cref="Step"/> is the step (within <see cref="Stage"/>) of the
/// checkpoint it wrote and resumes from.
/// </summary>
public sealed class RunPreemptedException(string stage, long step)
    : Exception($"preempted: checkpoint written at {stage} step {step}")
{
    public string Stage { get; } = stage;

    public long Step { get; } = step;
}
