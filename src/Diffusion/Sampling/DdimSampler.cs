using static TorchSharp.torch;

namespace MedVid.Diffusion.Sampling;

/// <summary>
/// DDIM settings. Eta 0 is the deterministic sampler; 1 matches DDPM's posterior variance.
/// SetAlphaToOne (diffusers' default, and the DDIM paper's ᾱ_0 = 1) makes the last step return
/// the model's x̂0 itself instead of re-noising it to the level of timestep 0.
/// </summary>
public sealed record DdimOptions(
    int InferenceSteps = 50,
    double Eta = 0.0,
    TimestepSpacing Spacing = TimestepSpacing.Leading,
    int StepsOffset = 0,
    bool SetAlphaToOne = true);

/// <summary>
/// Song et al.'s DDIM update, as diffusers' DDIMScheduler.step with no clipping or thresholding of
/// x̂0 (latents are not bounded to [−1, 1]); x̂0 and ε̂ come from the output by <see cref="Parameterization"/>:
/// x_prev = √ᾱ_prev x̂0 + √(1 − ᾱ_prev − σ²) ε̂ + σ z, σ = η √((1 − ᾱ_prev)/(1 − ᾱ_t) (1 − ᾱ_t/ᾱ_prev)).
/// The previous timestep is the next entry of the list (diffusers uses t − T // n, the same
/// whenever n divides T).
/// </summary>
public sealed class DdimSampler(NoiseSchedule schedule, DdimOptions? options = null, PredictionType prediction = PredictionType.Epsilon)
    : Sampler(schedule, TimestepsFor(schedule, options ?? new DdimOptions()), prediction)
{
    public DdimOptions Options { get; } = options ?? new DdimOptions();

    /// <summary>ᾱ after the last step: 1, or ᾱ_0 without SetAlphaToOne.</summary>
    public double FinalAlphaCumprod => Options.SetAlphaToOne ? 1.0 : Schedule.AlphaCumprod(0);

    public double AlphaCumprodBefore(long previousTimestep) =>
        previousTimestep >= 0 ? Schedule.AlphaCumprod(previousTimestep) : FinalAlphaCumprod;

    /// <summary>σ_t² / η², the DDIM variance between t and the previous timestep.</summary>
    public double Variance(long timestep, long previousTimestep)
    {
        var at = Schedule.AlphaCumprod(timestep);
        var aPrev = AlphaCumprodBefore(previousTimestep);
        return (1 - aPrev) / (1 - at) * (1 - at / aPrev);
    }

    public override Tensor Step(Tensor sample, Tensor modelOutput, long timestep, long previousTimestep, Generator generator)
    {
        var aPrev = AlphaCumprodBefore(previousTimestep);
        var sigma = Options.Eta * Math.Sqrt(Variance(timestep, previousTimestep));
        // x̂0 and ε̂ (each a combination of x and the output) are folded into two float64 coefficients
        // on x and the output, so the float32 tensors see two multiplies (less rounding, fewer temporaries).
        var c = CoefficientsAt(timestep);
        var direction = Math.Sqrt(Math.Max(0, 1 - aPrev - sigma * sigma));
        var onSample = Math.Sqrt(aPrev) * c.X0FromSample + direction * c.NoiseFromSample;
        var onOutput = Math.Sqrt(aPrev) * c.X0FromOutput + direction * c.NoiseFromOutput;
        using var scope = NewDisposeScope();
        var result = sample * onSample + modelOutput * onOutput;
        if (sigma > 0) result = result + Noise(sample, generator) * sigma;
        return result.MoveToOuterDisposeScope();
    }

    private static long[] TimestepsFor(NoiseSchedule schedule, DdimOptions options)
    {
        if (options.Eta < 0) throw new ArgumentOutOfRangeException(nameof(options), "eta must be >= 0");
        return InferenceTimesteps.Create(schedule.TrainSteps, options.InferenceSteps, options.Spacing, options.StepsOffset);
    }
}
