using MedVid.Engine.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>
/// A small real denoiser: 3D conv in, sinusoidal timestep embedding plus masked-mean text
/// embedding added per channel, SiLU, dropout (exercises the global seed), 3D conv out.
/// </summary>
internal sealed class TinyDenoiser : nn.Module, IDenoiser
{
    public const long TextDim = 8;
    private const int TimeFeatures = 16;
    private readonly Conv3d input;
    private readonly Linear time;
    private readonly Linear text;
    private readonly Dropout dropout;
    private readonly Conv3d output;

    public TinyDenoiser(long channels = 2, long hidden = 16, double dropoutRate = 0.1) : base(nameof(TinyDenoiser))
    {
        input = nn.Conv3d(channels, hidden, 3, padding: 1);
        time = SeededLayers.Linear(TimeFeatures, hidden);
        text = SeededLayers.Linear(TextDim, hidden);
        dropout = nn.Dropout(dropoutRate);
        output = nn.Conv3d(hidden, channels, 3, padding: 1);
        RegisterComponents();
    }

    public int Calls { get; private set; }

    public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
    {
        Calls++;
        using var scope = NewDisposeScope();
        var batch = noisy.shape[0];
        var frequencies = (arange(0, TimeFeatures / 2, 1, float32) * (-Math.Log(10000) / (TimeFeatures / 2))).exp();
        var angles = timesteps.to(float32).reshape(batch, 1) * frequencies.reshape(1, TimeFeatures / 2);
        var timeFeatures = cat([angles.sin(), angles.cos()], 1);
        var mask = conditioning.Mask.to(float32).unsqueeze(-1);
        var pooled = (conditioning.Tokens * mask).sum(1) / mask.sum(1).clamp_min(1);
        var embedding = (time.forward(timeFeatures) + text.forward(pooled)).reshape(batch, -1, 1, 1, 1);
        var hidden = dropout.forward(nn.functional.silu(input.forward(noisy) + embedding));
        return output.forward(hidden).MoveToOuterDisposeScope();
    }
}

/// <summary>Knows x0, so it returns the exact noise that turns x0 into the given x_t.</summary>
internal sealed class OracleDenoiser(NoiseSchedule schedule, Tensor x0) : IDenoiser
{
    public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
    {
        var a = schedule.AlphaCumprod(timesteps[0].item<long>());
        using var scope = NewDisposeScope();
        return ((noisy - x0 * Math.Sqrt(a)) / Math.Sqrt(1 - a)).MoveToOuterDisposeScope();
    }
}

/// <summary>Records the batch size and conditioning of every call; predicts a fixed function of its inputs.</summary>
internal sealed class RecordingDenoiser : IDenoiser
{
    public List<long> BatchSizes { get; } = [];

    public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
    {
        BatchSizes.Add(noisy.shape[0]);
        using var scope = NewDisposeScope();
        var pooled = conditioning.Tokens.mean([1, 2]).reshape(-1, 1, 1, 1, 1);
        return (noisy * 0.5 + pooled).MoveToOuterDisposeScope();
    }
}

internal static class TestData
{
    /// <summary>Conditioning [B, L, 8] with all tokens real.</summary>
    public static Conditioning Captions(long batch, Generator generator, long length = 4) =>
        new(randn([batch, length, TinyDenoiser.TextDim], generator: generator), ones([batch, length], @bool));

    /// <summary>The null caption: zero features, one real token.</summary>
    public static Conditioning NullCaption(long length = 4)
    {
        var mask = new bool[length];
        mask[0] = true;
        return new Conditioning(zeros([1, length, TinyDenoiser.TextDim]), tensor(mask, [1, length]));
    }
}

internal static class Expect
{
    /// <summary>Same shape, dtype and bytes: bit-identical, not merely close.</summary>
    public static void BitEqual(Tensor expected, Tensor actual, string what = "tensor")
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        using var a = expected.detach().cpu().contiguous();
        using var b = actual.detach().cpu().contiguous();
        Assert.True(a.bytes.SequenceEqual(b.bytes), $"{what} differs");
    }

    public static void Close(Tensor expected, Tensor actual, double atol, string what = "tensor")
    {
        Assert.Equal(expected.shape, actual.shape);
        var max = (expected.to(float64) - actual.to(float64)).abs().max().ToDouble();
        Assert.True(max <= atol, $"{what}: max difference {max} > {atol}");
    }
}

/// <summary>Knows x0, so it returns the exact velocity v = (√ᾱ x_t − x0)/√(1 − ᾱ) for the given x_t (defined at ᾱ = 0 too).</summary>
internal sealed class VelocityOracleDenoiser(NoiseSchedule schedule, Tensor x0) : IDenoiser
{
    public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
    {
        var a = schedule.AlphaCumprod(timesteps[0].item<long>());
        using var scope = NewDisposeScope();
        return ((noisy * Math.Sqrt(a) - x0) / Math.Sqrt(1 - a)).MoveToOuterDisposeScope();
    }
}
