using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>Seeded inputs and helpers shared by the model tests.</summary>
internal static class TestData
{
    /// <summary>
    /// Adds noise to every parameter. A fresh DiT has zero output, temporal and cross-attention
    /// projections, so equality tests on a fresh model would hold trivially; perturbed weights
    /// make every path contribute.
    /// </summary>
    public static void Perturb(nn.Module module, ulong seed, double std = 0.05)
    {
        using var generator = new Generator(seed);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var p in module.parameters()) p.add_(randn(p.shape, generator: generator).mul(std));
    }

    public sealed record DitInputs(Tensor Latents, Tensor Timesteps, Tensor Context, Tensor Mask);

    /// <summary>Two samples; the first has two padded text positions, the second none.</summary>
    public static DitInputs ForDit(DitConfig config, long frames = 3, long size = 8, long textLength = 5, ulong seed = 1)
    {
        using var generator = new Generator(seed);
        var latents = randn([2, config.InChannels, frames, size, size], generator: generator);
        var timesteps = tensor(new long[] { 10, 900 });
        var context = randn([2, textLength, config.TextDim], generator: generator);
        var valid = new bool[2 * textLength];
        for (var i = 0; i < textLength; i++)
        {
            valid[i] = i < textLength - 2;
            valid[textLength + i] = true;
        }
        return new DitInputs(latents, timesteps, context, tensor(valid, [2, textLength]));
    }

    public static float MaxAbsDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).abs().max().ToSingle();
    }
}
