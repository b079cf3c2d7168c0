using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// Weights of the VAE objective. <see cref="Kl"/> multiplies the KL divergence per pixel (summed
/// over latent elements, divided by the target's elements per sample), so the value means what
/// SD's kl_weight (1e-6) means next to a per-pixel L1. <see cref="Frequency"/> = 0 turns the focal
/// frequency term off; MedSora uses it with weight 1 and alpha 1.
/// </summary>
public sealed record VaeLossWeights(double Reconstruction = 1.0, double Kl = 1e-6, double Frequency = 0.0, double FrequencyAlpha = 1.0);

/// <summary>The terms of one VAE loss evaluation; Total is what to backpropagate.</summary>
public sealed record VaeLossTerms(Tensor Total, Tensor Reconstruction, Tensor Kl, Tensor? Frequency);

public static class VaeLoss
{
    public static VaeLossTerms Compute(Tensor reconstruction, Tensor target, DiagonalGaussian posterior, VaeLossWeights weights)
    {
        var elementsPerSample = target.numel() / target.shape[0];
        var l1 = (reconstruction - target).abs().mean();
        var kl = posterior.KlPerSample().mean() / elementsPerSample;
        var total = l1 * weights.Reconstruction + kl * weights.Kl;
        Tensor? frequency = null;
        if (weights.Frequency > 0)
        {
            frequency = FocalFrequencyLoss.Compute(reconstruction, target, weights.FrequencyAlpha);
            total = total + frequency * weights.Frequency;
        }
        return new VaeLossTerms(total, l1, kl, frequency);
    }
}
