using MedVid.Engine.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// Per-frame 2D KL autoencoder for video (Bora's choice): frames are folded into the batch, so
/// [B, 3, T, H, W] in [−1, 1] ↔ latents [B, 4, T, H/8, W/8]. The latent scaling factor (which
/// brings latents to unit variance for diffusion) is a persistent buffer, "scaling_factor", so it
/// is saved and loaded with the weights in any state-dict format, safetensors included.
/// </summary>
public sealed class AutoencoderKL : nn.Module
{
    public const string ScalingFactorKey = "scaling_factor";

    public AutoencoderKL(VaeConfig config, double scalingFactor = 1.0, Generator? generator = null) : base(nameof(AutoencoderKL))
    {
        config.Validate();
        Config = config;
        encoder = new Encoder(config, generator);
        decoder = new Decoder(config, generator);
        quant_conv = SeededLayers.Conv2d(2 * config.LatentChannels, 2 * config.LatentChannels, 1, generator: generator);
        post_quant_conv = SeededLayers.Conv2d(config.LatentChannels, config.LatentChannels, 1, generator: generator);
        scaling = full([], scalingFactor).DetachFromDisposeScope();
        register_module(nameof(encoder), encoder);
        register_module(nameof(decoder), decoder);
        register_module(nameof(quant_conv), quant_conv);
        register_module(nameof(post_quant_conv), post_quant_conv);
        register_buffer(ScalingFactorKey, scaling);
    }

    // Named as its buffer, so Module.to (which swaps buffers for converted copies) updates this field.
    [TorchSharp.Utils.ComponentName(Name = ScalingFactorKey)] private readonly Tensor scaling;

    public VaeConfig Config { get; }

    public readonly Encoder encoder;

    public readonly Decoder decoder;

    public readonly Conv2d quant_conv;

    public readonly Conv2d post_quant_conv;

    /// <summary>Multiplies raw latents for the diffusion model (SD: 0.18215); stored with the weights.</summary>
    public double ScalingFactor
    {
        get => scaling.ToSingle();
        set
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "scaling factor must be positive");
            using var noGrad = no_grad();
            scaling.fill_(value);
        }
    }

    /// <summary>The posterior over latents of a video [B, 3, T, H, W] in [−1, 1]; H and W divisible by the compression.</summary>
    public DiagonalGaussian Encode(Tensor video)
    {
        var shape = video.shape;
        var f = Config.SpatialCompression;
        if (shape.Length != 5 || shape[1] != Config.ImageChannels || shape[3] % f != 0 || shape[4] % f != 0)
            throw new ArgumentException($"video must be [B, {Config.ImageChannels}, T, H, W] with H, W divisible by {f}, got [{string.Join(", ", shape)}]");
        Tensor mean, logvar;
        using (NewDisposeScope())
        {
            var moments = quant_conv.forward(encoder.forward(FramesToBatch(video)));
            var stacked = BatchToFrames(moments, shape[0], shape[2]).chunk(2, 1);
            mean = stacked[0].MoveToOuterDisposeScope();
            logvar = stacked[1].MoveToOuterDisposeScope();
        }
        // Built in the caller's scope, which then owns the posterior's tensors.
        return new DiagonalGaussian(mean, logvar);
    }

    /// <summary>Raw (unscaled) latents [B, 4, T, h, w] → video [B, 3, T, 8h, 8w].</summary>
    public Tensor Decode(Tensor latents)
    {
        var shape = latents.shape;
        if (shape.Length != 5 || shape[1] != Config.LatentChannels)
            throw new ArgumentException($"latents must be [B, {Config.LatentChannels}, T, h, w], got [{string.Join(", ", shape)}]");
        using var scope = NewDisposeScope();
        var frames = decoder.forward(post_quant_conv.forward(FramesToBatch(latents)));
        return BatchToFrames(frames, shape[0], shape[2]).MoveToOuterDisposeScope();
    }

    /// <summary>Encode, sample and scale: the latents a diffusion model trains on.</summary>
    public Tensor EncodeForDiffusion(Tensor video, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var posterior = Encode(video);
        return (posterior.Sample(generator) * ScalingFactor).MoveToOuterDisposeScope();
    }

    /// <summary>Unscale and decode latents produced by a diffusion sampler.</summary>
    public Tensor DecodeFromDiffusion(Tensor latents)
    {
        using var scope = NewDisposeScope();
        return Decode(latents / ScalingFactor).MoveToOuterDisposeScope();
    }

    /// <summary>Reconstructs a video through a sampled latent; returns the reconstruction and the posterior (for the KL term).</summary>
    public (Tensor Reconstruction, DiagonalGaussian Posterior) forward(Tensor video, Generator? generator = null)
    {
        var posterior = Encode(video);
        using var scope = NewDisposeScope();
        var reconstruction = Decode(posterior.Sample(generator));
        return (reconstruction.MoveToOuterDisposeScope(), posterior);
    }

    /// <summary>1 / std of latent samples: the scaling factor that gives the diffusion model unit-variance inputs.</summary>
    public static double EstimateScalingFactor(Tensor latents)
    {
        using var scope = NewDisposeScope();
        return 1.0 / latents.@float().std().ToSingle();
    }

    /// <summary>[B, C, T, H, W] → [B·T, C, H, W].</summary>
    private static Tensor FramesToBatch(Tensor video)
    {
        var s = video.shape;
        return video.permute(0, 2, 1, 3, 4).reshape(s[0] * s[2], s[1], s[3], s[4]);
    }

    /// <summary>[B·T, C, H, W] → [B, C, T, H, W].</summary>
    private static Tensor BatchToFrames(Tensor frames, long batch, long time)
    {
        var s = frames.shape;
        return frames.view(batch, time, s[1], s[2], s[3]).permute(0, 2, 1, 3, 4).contiguous();
    }
}
