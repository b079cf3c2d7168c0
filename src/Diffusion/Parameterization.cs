namespace MedVid.Diffusion;

/// <summary>
/// x̂0 and ε̂ as linear combinations of x_t and the network output o at one noise level ᾱ:
/// x̂0 = X0FromSample·x_t + X0FromOutput·o and ε̂ = NoiseFromSample·x_t + NoiseFromOutput·o.
/// </summary>
public readonly record struct OutputCoefficients(double X0FromSample, double X0FromOutput, double NoiseFromSample, double NoiseFromOutput);

/// <summary>
/// The one place that converts between ε, v and x0 (docs/diffusion.md, "Prediction type"). Samplers use the scalar
/// coefficients, the schedule builds its per-row tables from them, and the trainer's target comes from
/// <see cref="NoiseSchedule.Target"/>. With x_t = √ᾱ x0 + √(1 − ᾱ) ε and v = √ᾱ ε − √(1 − ᾱ) x0:
/// ε-prediction: x̂0 = (x_t − √(1 − ᾱ) ε̂)/√ᾱ (undefined at ᾱ = 0);
/// v-prediction: x̂0 = √ᾱ x_t − √(1 − ᾱ) v̂ and ε̂ = √(1 − ᾱ) x_t + √ᾱ v̂ (defined at every ᾱ).
/// </summary>
public static class Parameterization
{
    public static OutputCoefficients Coefficients(PredictionType type, double alphaCumprod) => type switch
    {
        PredictionType.Epsilon => new(1 / Math.Sqrt(alphaCumprod), -Math.Sqrt(1 / alphaCumprod - 1), 0, 1),
        PredictionType.V => new(Math.Sqrt(alphaCumprod), -Math.Sqrt(1 - alphaCumprod), Math.Sqrt(1 - alphaCumprod), Math.Sqrt(alphaCumprod)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The training target for (x0, ε) at ᾱ, as the coefficients (on x0, on ε).</summary>
    public static (double OnX0, double OnNoise) TargetCoefficients(PredictionType type, double alphaCumprod) => type switch
    {
        PredictionType.Epsilon => (0, 1),
        PredictionType.V => (-Math.Sqrt(1 - alphaCumprod), Math.Sqrt(alphaCumprod)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
