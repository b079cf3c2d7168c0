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
/// </summary>
public static class ClassifierFreeGuidance
{
    public static Tensor Predict(IDenoiser denoiser, Tensor noisy, Tensor timesteps, Conditioning conditioning,
        Conditioning? nullConditioning, double guidanceScale, double rescale = 0)
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
        var guided = unconditional + (conditional - unconditional) * guidanceScale;
        if (rescale > 0) guided = Rescale(guided, conditional, rescale);
        return guided.MoveToOuterDisposeScope();
    }

    private static Tensor Rescale(Tensor guided, Tensor conditional, double rescale)
    {
        var dims = Enumerable.Range(1, (int)guided.dim() - 1).Select(d => (long)d).ToArray();
        var ratio = conditional.std(dims, keepdim: true) / guided.std(dims, keepdim: true).clamp_min(1e-12);
        return guided * (ratio * rescale + (1 - rescale));
    }
}
