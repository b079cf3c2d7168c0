using MedVid.Engine;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>
/// The training loss: the mean squared error of the prediction, with two optional weightings. <see cref="TrainingConfig.LossWeightCap"/>
/// weights each sample by min(1/ᾱ_t, cap); <see cref="TrainingConfig.MotionLossWeight"/> weights the part of the error that
/// changes from frame to frame.
/// </summary>
public static class LossWeighting
{
    /// <param name="predicted">[B, …] the prediction; [B, C, T, H, W] when <paramref name="motionWeight"/> is not 1.</param>
    /// <param name="target">[B, …] what it should be (ε or v).</param>
    /// <param name="timesteps">[B] int64 timesteps of the samples.</param>
    /// <param name="cap">1 gives the plain mean squared error.</param>
    /// <param name="motionWeight">
    /// λ ≥ 1: the error e splits into its mean over the frames m and the rest r (orthogonal, so mean(e²) = mean(m²) +
    /// mean(r²)); the loss is mean(m²) + λ·mean(r²). Any positive weighting of the two parts has the same minimiser (the
    /// posterior mean), so λ changes where the model's capacity and gradient go, not what a perfect model predicts.
    /// </param>
    public static Tensor Mse(Tensor predicted, Tensor target, NoiseSchedule schedule, Tensor timesteps, double cap, double motionWeight = 1)
    {
        if (cap < 1) throw new ArgumentOutOfRangeException(nameof(cap), "the loss weight cap is at least 1");
        if (!(motionWeight >= 1)) throw new ArgumentOutOfRangeException(nameof(motionWeight), "the motion loss weight is at least 1");
        if (motionWeight != 1 && predicted.dim() != 5)
            throw new ArgumentException("the motion loss weight needs video latents [B, C, T, H, W]", nameof(predicted));
        if (cap == 1 && motionWeight == 1) return nn.functional.mse_loss(predicted, target);
        using var scope = NewDisposeScope();
        var error = predicted - target;
        var perSample = error.square().flatten(1).mean([1]);
        if (motionWeight != 1)
        {
            var motion = error - error.mean([2], keepdim: true);
            perSample = perSample + (motionWeight - 1) * motion.square().flatten(1).mean([1]);
        }
        if (cap != 1)
            perSample = perSample * schedule.AlphasCumprod.to(predicted.device).index_select(0, timesteps).reciprocal().clamp_max(cap).to(predicted.dtype);
        return perSample.mean().MoveToOuterDisposeScope();
    }
}
