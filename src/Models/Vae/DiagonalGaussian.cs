using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// The encoder's posterior N(mean, exp(logvar)) over latents [B, C, T, h, w]. Owns its two
/// tensors (created in the caller's dispose scope).
/// </summary>
public sealed class DiagonalGaussian : IDisposable
{
    public DiagonalGaussian(Tensor mean, Tensor logvar)
    {
        Mean = mean;
        // As SD: the clamp keeps exp() finite early in training.
        LogVar = logvar.clamp(-30, 20);
        logvar.Dispose();
    }

    public Tensor Mean { get; }

    public Tensor LogVar { get; }

    /// <summary>mean + σ·ε with ε from <paramref name="generator"/> (reparameterised, so gradients reach the encoder).</summary>
    public Tensor Sample(Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var noise = randn(Mean.shape, Mean.dtype, Mean.device, generator: generator);
        return (Mean + (LogVar * 0.5).exp() * noise).MoveToOuterDisposeScope();
    }

    /// <summary>The posterior's mode (its mean): deterministic latents.</summary>
    public Tensor Mode() => Mean.alias();

    /// <summary>KL(q ‖ N(0, I)) summed over every latent element, per sample: [B].</summary>
    public Tensor KlPerSample()
    {
        using var scope = NewDisposeScope();
        var elementwise = (Mean.square() + LogVar.exp() - 1 - LogVar) * 0.5;
        return elementwise.flatten(1).sum(1).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Mean.Dispose();
        LogVar.Dispose();
    }
}
