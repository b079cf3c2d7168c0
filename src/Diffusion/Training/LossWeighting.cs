using MedVid.Engine;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>The training loss with <see cref="TrainingConfig.LossWeightCap"/>: each sample's ε MSE times min(1/ᾱ_t, cap).</summary>
public static class LossWeighting
{
    /// <param name="predicted">[B, …] predicted noise.</param>
    /// <param name="noise">[B, …] the noise drawn.</param>
    /// <param name="timesteps">[B] int64 timesteps of the samples.</param>
    /// <param name="cap">1 gives the plain mean squared error.</param>
    public static Tensor Mse(Tensor predicted, Tensor noise, NoiseSchedule schedule, Tensor timesteps, double cap)
    {
        if (cap < 1) throw new ArgumentOutOfRangeException(nameof(cap), "the loss weight cap is at least 1");
        if (cap == 1) return nn.functional.mse_loss(predicted, noise);
        using var scope = NewDisposeScope();
        var perSample = nn.functional.mse_loss(predicted, noise, nn.Reduction.None).flatten(1).mean([1]);
        var weights = schedule.AlphasCumprod.to(predicted.device).index_select(0, timesteps).reciprocal().clamp_max(cap).to(predicted.dtype);
        return (perSample * weights).mean().MoveToOuterDisposeScope();
    }
}
