namespace MedVid.Engine.Optimizers;

/// <summary>
/// Sets lr = base lr × factor(step). The step counter is public so a checkpoint can
/// save and restore it; construction applies factor(0).
/// </summary>
public sealed class LRScheduler
{
    private readonly Optimizer optimizer;
    private readonly Func<long, double> factor;

    public LRScheduler(Optimizer optimizer, Func<long, double> factor, double? baseLearningRate = null)
    {
        this.optimizer = optimizer;
        this.factor = factor;
        BaseLearningRate = baseLearningRate ?? optimizer.LearningRate;
        Apply();
    }

    public double BaseLearningRate { get; }

    public long StepCount { get; private set; }

    public double CurrentLearningRate => optimizer.LearningRate;

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

    private void Apply() => optimizer.LearningRate = BaseLearningRate * factor(StepCount);
}
