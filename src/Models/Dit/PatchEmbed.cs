using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>
/// Latents [B, C, T, H, W] → tokens [B, T'·H'·W', hidden] (frame-major) by a Conv3d whose kernel
/// and stride are the patch size, i.e. one linear map per non-overlapping patch.
/// </summary>
public sealed class PatchEmbed : nn.Module<Tensor, Tensor>
{
    public PatchEmbed(DitConfig config, Generator? generator = null) : base(nameof(PatchEmbed))
    {
        var patch = (config.PatchT, config.PatchH, config.PatchW);
        proj = SeededLayers.Conv3d(config.InChannels, config.Hidden, patch, patch, (0, 0, 0), generator: generator);
        register_module(nameof(proj), proj);
        // As a Linear over the flattened patch (Open-Sora), zero bias.
        ModelInit.XavierUniform(proj.weight, generator);
        ModelInit.Zeros(proj.bias);
    }

    public readonly Conv3d proj;

    public override Tensor forward(Tensor latents)
    {
        using var scope = NewDisposeScope();
        var y = proj.forward(latents); // [B, hidden, T', H', W']
        var shape = y.shape;
        return y.flatten(2).transpose(1, 2).reshape(shape[0], shape[2] * shape[3] * shape[4], shape[1]).MoveToOuterDisposeScope();
    }
}
