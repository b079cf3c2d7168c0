using static TorchSharp.torch;

namespace MedVid.Diffusion.Sampling;

/// <summary>
/// o = o_uncond + w (o_cond − o_uncond) on the denoiser's raw output o. With w = 1 this is o_cond and
/// the unconditional pass is skipped; otherwise both passes run as one forward of 2B rows (null
/// rows first), which keeps the denoiser's batch statistics and kernel launches the same as a
/// single call. Guiding v is the same as guiding ε: both passes share x_t and t, and ε̂ is linear
/// in v̂ with the same coefficients for both (ε̂ = √(1 − ᾱ) x_t + √ᾱ v̂), so no conversion is needed.
/// A rescale φ &gt; 0 (Lin et al. 2023, section 3.4) pulls the guided output's spread back towards the conditional
/// output's: o ← φ · o · std(o_cond) / std(o) + (1 − φ) · o, stds per sample over all its elements. Large scales
/// otherwise inflate the prediction's spread and with it the latents' (colour patches, oversaturated frames;
/// docs/benchmarks-phantoms.md).
/// A <see cref="GuidanceProjection"/> (Sadat et al. 2024, "adaptive projected guidance" without its momentum and norm
/// threshold) splits the update in x̂0 space into its part parallel to the conditional x̂0 and the rest, and keeps only
/// <see cref="GuidanceProjection.ParallelWeight"/> of the parallel part: x̂0 = x̂0_c + (w − 1)(Δ⊥ + η Δ∥), Δ = x̂0_c − x̂0_u.
/// The parallel part scales the whole clip's latents, which on the phantoms shifts colours (docs/benchmarks-phantoms.md).
/// </summary>
public static class ClassifierFreeGuidance
{
    public static Tensor Predict(IDenoiser denoiser, Tensor noisy, Tensor timesteps, Conditioning conditioning,
        Conditioning? nullConditioning, double guidanceScale, double rescale = 0, GuidanceProjection? projection = null)
    {
        if (rescale is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(rescale), rescale, "the guidance rescale is between 0 and 1");
        if (guidanceScale == 1.0) return denoiser.Predict(noisy, timesteps, conditioning);
        if (nullConditioning is null)
            throw new ArgumentException($"guidance scale {guidanceScale} needs the null (empty caption) conditioning", nameof(nullConditioning));
        using var scope = NewDisposeScope();
        var batch = noisy.shape[0];
        var both = nullConditioning.ExpandTo(batch).Concat(conditioning);
        var predicted = denoiser.Predict(cat([noisy, noisy]), cat([timesteps, timesteps]), both);
        var halves = predicted.chunk(2);
        var (unconditional, conditional) = (halves[0], halves[1]);
        var guided = projection is { } p
            ? Projected(noisy, conditional, unconditional, guidanceScale, p)
            : unconditional + (conditional - unconditional) * guidanceScale;
        if (rescale > 0) guided = Rescale(guided, conditional, rescale);
        return guided.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// x̂0 = a x_t + b o for both outputs (a, b from the projection's coefficients), so Δ = b (o_c − o_u) and the guided
    /// output is o_c + (w − 1)(Δ⊥ + η Δ∥) / b; projections are per sample over all its elements.
    /// </summary>
    private static Tensor Projected(Tensor noisy, Tensor conditional, Tensor unconditional, double guidanceScale, GuidanceProjection projection)
    {
        var (a, b) = (projection.Coefficients.X0FromSample, projection.Coefficients.X0FromOutput);
        var dims = Enumerable.Range(1, (int)conditional.dim() - 1).Select(d => (long)d).ToArray();
        var x0 = noisy * a + conditional * b;
        var delta = (conditional - unconditional) * b;
        var parallel = x0 * ((delta * x0).sum(dims, keepdim: true) / (x0 * x0).sum(dims, keepdim: true).clamp_min(1e-12));
        var update = delta - parallel * (1 - projection.ParallelWeight);
        return conditional + update * ((guidanceScale - 1) / b);
    }

    private static Tensor Rescale(Tensor guided, Tensor conditional, double rescale)
    {
        var dims = Enumerable.Range(1, (int)guided.dim() - 1).Select(d => (long)d).ToArray();
        var ratio = conditional.std(dims, keepdim: true) / guided.std(dims, keepdim: true).clamp_min(1e-12);
        return guided * (ratio * rescale + (1 - rescale));
    }
}
