using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>
/// Sets lr = base lr × factor(step) on every parameter group. TorchSharp's LambdaLR computes the
/// same, but keeps its step counter protected; a checkpoint must save and restore it, so the
/// counter is public here and <see cref="Restore"/> jumps to it. Construction applies factor(0).
/// </summary>
public sealed class LRScheduler
{
    private readonly optim.Optimizer optimizer;
    private readonly Func<long, double> factor;

    public LRScheduler(optim.Optimizer optimizer, Func<long, double> factor, double? baseLearningRate = null)
    {
        this.optimizer = optimizer;
        this.factor = factor;
        BaseLearningRate = baseLearningRate ?? optimizer.LearningRate();
        Apply();
    }

    public double BaseLearningRate { get; }

    public long StepCount { get; private set; }

    public double CurrentLearningRate => optimizer.LearningRate();

    public void step()
    {
        StepCount++;
        Apply();
    }

    /// <summary>Jumps to a saved step (when resuming).</summary>
    public void Restore(long stepCount)
    {
        StepCount = stepCount;
        Apply();
    }

    private void Apply() => optimizer.SetLearningRate(BaseLearningRate * factor(StepCount));
}
