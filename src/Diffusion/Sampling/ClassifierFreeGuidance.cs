using static TorchSharp.torch;

namespace MedVid.Diffusion.Sampling;

/// <summary>
/// o = o_uncond + w (o_cond − o_uncond) on the denoiser's raw output o. With w = 1 this is o_cond and
/// the unconditional pass is skipped; otherwise both passes run as one forward of 2B rows (null
/// rows first), which keeps the denoiser's batch statistics and kernel launches the same as a
/// single call. Guiding v is the same as guiding ε: both passes share x_t and t, and ε̂ is linear
/// in v̂ with the same coefficients for both (ε̂ = √(1 − ᾱ) x_t + √ᾱ v̂), so no conversion is needed.
/// </summary>
public static class ClassifierFreeGuidance
{
    public static Tensor Predict(IDenoiser denoiser, Tensor noisy, Tensor timesteps, Conditioning conditioning,
        Conditioning? nullConditioning, double guidanceScale)
    {
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
        return guided.MoveToOuterDisposeScope();
    }
}
