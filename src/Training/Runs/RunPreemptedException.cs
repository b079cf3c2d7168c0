namespace MedVid.Training.Runs;

/// <summary>
/// A run stopped because its GPUs were reclaimed. <see cref="Step"/> is the step of the checkpoint it wrote and resumes
/// from; null when it was in the VAE stage of a diffusion run, which keeps no checkpoint and starts that stage over.
/// </summary>
public sealed class RunPreemptedException(string stage, long? step)
    : Exception(step is { } s ? $"preempted: checkpoint written at {stage} step {s}" : $"preempted in the {stage} stage, which starts over")
{
    public string Stage { get; } = stage;

    public long? Step { get; } = step;
}
