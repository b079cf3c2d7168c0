using MedVid.Engine.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// Frames [N, 3, H, W] → [N, 2·latent, H/f, W/f] (mean and log-variance stacked on channels).
/// No mid-block attention: at these widths and frame sizes the convolutions carry the model.
/// </summary>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    public Encoder(VaeConfig config, Generator? generator = null) : base(nameof(Encoder))
    {
        var widths = config.Channels;
        conv_in = SeededLayers.Conv2d(config.ImageChannels, widths[0], 3, padding: 1, generator: generator);
        down = new ModuleList<Sequential>();
        var width = widths[0];
        for (var level = 0; level < widths.Count; level++)
        {
            var stage = nn.Sequential();
            for (var i = 0; i < config.ResBlocksPerLevel; i++)
            {
                stage.append(new ResnetBlock(width, widths[level], config.Groups, generator));
                width = widths[level];
            }
            if (level < widths.Count - 1) stage.append(new Downsample(width, generator));
            down.Add(stage);
        }
        mid = nn.Sequential(new ResnetBlock(width, width, config.Groups, generator), new ResnetBlock(width, width, config.Groups, generator));
        norm_out = SeededLayers.GroupNorm(config.Groups, width, eps: 1e-6);
        conv_out = SeededLayers.Conv2d(width, 2 * config.LatentChannels, 3, padding: 1, generator: generator);
        register_module(nameof(conv_in), conv_in);
        register_module(nameof(down), down);
        register_module(nameof(mid), mid);
        register_module(nameof(norm_out), norm_out);
        register_module(nameof(conv_out), conv_out);
    }

    public readonly Conv2d conv_in;

    public readonly ModuleList<Sequential> down;

    public readonly Sequential mid;

    public readonly GroupNorm norm_out;

    public readonly Conv2d conv_out;

    public override Tensor forward(Tensor frames)
    {
        using var scope = NewDisposeScope();
        var h = conv_in.forward(frames);
        foreach (var stage in down) h = stage.forward(h);
        h = mid.forward(h);
        return conv_out.forward(nn.functional.silu(norm_out.forward(h))).MoveToOuterDisposeScope();
    }
}
