using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>Learning-rate schedules: call <see cref="LRScheduler.step"/> once per optimizer step.</summary>
public static class LRSchedules
{
    public static LRScheduler Constant(optim.Optimizer optimizer) => new(optimizer, _ => 1);

    /// <summary>Linear ramp from 0 to the base rate over <paramref name="warmupSteps"/>, then constant.</summary>
    public static LRScheduler LinearWarmup(optim.Optimizer optimizer, int warmupSteps) =>
        new(optimizer, step => WarmupFactor(step, warmupSteps));

    /// <summary>Linear warmup, then a cosine decay to <paramref name="minFactor"/> × base rate at <paramref name="totalSteps"/>.</summary>
    public static LRScheduler Cosine(optim.Optimizer optimizer, int totalSteps, int warmupSteps = 0, double minFactor = 0) =>
        new(optimizer, step =>
        {
            if (step < warmupSteps) return WarmupFactor(step, warmupSteps);
            var span = Math.Max(1, totalSteps - warmupSteps);
            var progress = Math.Min(1.0, (double)(step - warmupSteps) / span);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
        });

    private static double WarmupFactor(long step, int warmupSteps) =>
        warmupSteps <= 0 ? 1 : Math.Min(1.0, (double)(step + 1) / warmupSteps);
}
