using MedVid.Engine.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>x + conv(SiLU(GN(conv(SiLU(GN(x)))))), with a 1×1 shortcut when the width changes.</summary>
public sealed class ResnetBlock : nn.Module<Tensor, Tensor>
{
    public ResnetBlock(int inChannels, int outChannels, int groups, Generator? generator = null) : base(nameof(ResnetBlock))
    {
        norm1 = SeededLayers.GroupNorm(groups, inChannels, eps: 1e-6);
        conv1 = SeededLayers.Conv2d(inChannels, outChannels, 3, padding: 1, generator: generator);
        norm2 = SeededLayers.GroupNorm(groups, outChannels, eps: 1e-6);
        conv2 = SeededLayers.Conv2d(outChannels, outChannels, 3, padding: 1, generator: generator);
        nin_shortcut = inChannels != outChannels ? SeededLayers.Conv2d(inChannels, outChannels, 1, generator: generator) : null;
        register_module(nameof(norm1), norm1);
        register_module(nameof(conv1), conv1);
        register_module(nameof(norm2), norm2);
        register_module(nameof(conv2), conv2);
        if (nin_shortcut is not null) register_module(nameof(nin_shortcut), nin_shortcut);
    }

    public readonly GroupNorm norm1;

    public readonly Conv2d conv1;

    public readonly GroupNorm norm2;

    public readonly Conv2d conv2;

    public readonly Conv2d? nin_shortcut;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = conv1.forward(nn.functional.silu(norm1.forward(input)));
        h = conv2.forward(nn.functional.silu(norm2.forward(h)));
        var skip = nin_shortcut?.forward(input) ?? input;
        return (skip + h).MoveToOuterDisposeScope();
    }
}

/// <summary>Halves height and width: pad right/bottom by one, then a stride-2 3×3 convolution (as SD).</summary>
public sealed class Downsample : nn.Module<Tensor, Tensor>
{
    public Downsample(int channels, Generator? generator = null) : base(nameof(Downsample))
    {
        conv = SeededLayers.Conv2d(channels, channels, 3, stride: 2, generator: generator);
        register_module(nameof(conv), conv);
    }

    public readonly Conv2d conv;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return conv.forward(nn.functional.pad(input, [0, 1, 0, 1])).MoveToOuterDisposeScope();
    }
}

/// <summary>Doubles height and width: nearest-neighbour upsampling, then a 3×3 convolution.</summary>
public sealed class Upsample : nn.Module<Tensor, Tensor>
{
    public Upsample(int channels, Generator? generator = null) : base(nameof(Upsample))
    {
        conv = SeededLayers.Conv2d(channels, channels, 3, padding: 1, generator: generator);
        register_module(nameof(conv), conv);
    }

    public readonly Conv2d conv;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return conv.forward(nn.functional.interpolate(input, scale_factor: [2.0, 2.0])).MoveToOuterDisposeScope();
    }
}
