using static TorchSharp.torch;

namespace MedVid.Diffusion.Sampling;

/// <summary>DDPM settings: InferenceSteps null means every training step (the original ancestral sampler).</summary>
public sealed record DdpmOptions(int? InferenceSteps = null, TimestepSpacing Spacing = TimestepSpacing.Leading, int StepsOffset = 0);

/// <summary>
/// Ho et al.'s ancestral sampler as diffusers' DDPMScheduler with variance_type "fixed_small" and
/// no clipping of x̂0 (x̂0 from the output by <see cref="Parameterization"/>):
/// x_prev = √ᾱ_prev β_t/(1−ᾱ_t) x̂0 + √α_t (1−ᾱ_prev)/(1−ᾱ_t) x_t + σ_t z with
/// σ_t² = (1−ᾱ_prev)/(1−ᾱ_t) β_t (clamped at 1e-20), where α_t = ᾱ_t/ᾱ_prev and β_t = 1 − α_t so
/// that skipped steps stay consistent. No noise is added at t = 0.
/// </summary>
public sealed class DdpmSampler(NoiseSchedule schedule, DdpmOptions? options = null, PredictionType prediction = PredictionType.Epsilon)
    : Sampler(schedule, TimestepsFor(schedule, options ?? new DdpmOptions()), prediction)
{
    public DdpmOptions Options { get; } = options ?? new DdpmOptions();

    /// <summary>The "fixed_small" posterior variance β̃_t between t and the previous timestep (ᾱ_prev = 1 before 0).</summary>
    public double PosteriorVariance(long timestep, long previousTimestep)
    {
        var at = Schedule.AlphaCumprod(timestep);
        var aPrev = previousTimestep >= 0 ? Schedule.AlphaCumprod(previousTimestep) : 1.0;
        var beta = 1 - at / aPrev;
        return Math.Max(1e-20, (1 - aPrev) / (1 - at) * beta);
    }

    public override Tensor Step(Tensor sample, Tensor modelOutput, long timestep, long previousTimestep, Generator generator)
    {
        var at = Schedule.AlphaCumprod(timestep);
        var aPrev = previousTimestep >= 0 ? Schedule.AlphaCumprod(previousTimestep) : 1.0;
        var alpha = at / aPrev;
        var beta = 1 - alpha;
        var onX0 = Math.Sqrt(aPrev) * beta / (1 - at);
        var onXt = Math.Sqrt(alpha) * (1 - aPrev) / (1 - at);
        // x̂0 (a combination of x and the output) folded into the posterior mean's coefficients (float64).
        var c = CoefficientsAt(timestep);
        var onSample = onX0 * c.X0FromSample + onXt;
        var onOutput = onX0 * c.X0FromOutput;
        using var scope = NewDisposeScope();
        var result = sample * onSample + modelOutput * onOutput;
        if (timestep > 0) result = result + Noise(sample, generator) * Math.Sqrt(PosteriorVariance(timestep, previousTimestep));
        return result.MoveToOuterDisposeScope();
    }

    private static long[] TimestepsFor(NoiseSchedule schedule, DdpmOptions options) =>
        InferenceTimesteps.Create(schedule.TrainSteps, options.InferenceSteps ?? schedule.TrainSteps, options.Spacing, options.StepsOffset);
}
