using MedVid.Engine.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>Latent frames [N, latent, h, w] → [N, 3, h·f, w·f]: the encoder's mirror, one extra resnet block per level (as SD).</summary>
public sealed class Decoder : nn.Module<Tensor, Tensor>
{
    public Decoder(VaeConfig config, Generator? generator = null) : base(nameof(Decoder))
    {
        var widths = config.Channels;
        var width = widths[^1];
        conv_in = SeededLayers.Conv2d(config.LatentChannels, width, 3, padding: 1, generator: generator);
        mid = nn.Sequential(new ResnetBlock(width, width, config.Groups, generator), new ResnetBlock(width, width, config.Groups, generator));
        up = new ModuleList<Sequential>();
        for (var level = widths.Count - 1; level >= 0; level--)
        {
            var stage = nn.Sequential();
            for (var i = 0; i < config.ResBlocksPerLevel + 1; i++)
            {
                stage.append(new ResnetBlock(width, widths[level], config.Groups, generator));
                width = widths[level];
            }
            if (level > 0) stage.append(new Upsample(width, generator));
            up.Add(stage);
        }
        norm_out = SeededLayers.GroupNorm(config.Groups, width, eps: 1e-6);
        conv_out = SeededLayers.Conv2d(width, config.ImageChannels, 3, padding: 1, generator: generator);
        register_module(nameof(conv_in), conv_in);
        register_module(nameof(mid), mid);
        register_module(nameof(up), up);
        register_module(nameof(norm_out), norm_out);
        register_module(nameof(conv_out), conv_out);
    }

    public readonly Conv2d conv_in;

    public readonly Sequential mid;

    /// <summary>Stages from the deepest level up (index 0 is the lowest resolution).</summary>
    public readonly ModuleList<Sequential> up;

    public readonly GroupNorm norm_out;

    public readonly Conv2d conv_out;

    public override Tensor forward(Tensor latents)
    {
        using var scope = NewDisposeScope();
        var h = mid.forward(conv_in.forward(latents));
        foreach (var stage in up) h = stage.forward(h);
        return conv_out.forward(nn.functional.silu(norm_out.forward(h))).MoveToOuterDisposeScope();
    }
}
