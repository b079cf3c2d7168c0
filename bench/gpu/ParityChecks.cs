using MedVid.Models.Dit;
using MedVid.Models.Vae;
using static TorchSharp.torch;

namespace MedVid.GpuBench;

/// <summary>One comparison: the largest absolute difference over the largest absolute reference value.</summary>
internal sealed record ParityCheck(string Name, double RelativeError, double Tolerance)
{
    public bool Passed => RelativeError <= Tolerance; // NaN fails
}

/// <summary>
/// The device in float32 against the CPU in float64, on the same weights and inputs: a few ops, the tiny DiT's
/// forward and gradients, and the tiny VAE's encode-decode. On the CPU the candidate is the CPU's own float32
/// path, so the checks still test kernels (float32 against float64), not a device against itself.
/// Tolerances: forward outputs 1e-4 relative, gradients 1e-3 (a backward chains more float32 rounding).
/// On CUDA, TF32 is switched off for the checks (libtorch enables it for cuDNN convolutions by default,
/// which alone gives ~1e-3): the checks are about float32 kernels, not about TF32's 10-bit mantissa.
/// </summary>
internal static class ParityChecks
{
    public const double ForwardTolerance = 1e-4;
    public const double GradientTolerance = 1e-3;

    public static IReadOnlyList<ParityCheck> Run(Device device)
    {
        using var tf32 = device.type == DeviceType.CUDA ? new Tf32Off() : null;
        return [.. Ops(device), .. Dit(device), Vae(device)];
    }

    private static List<ParityCheck> Ops(Device device)
    {
        var checks = new List<ParityCheck>();
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        Tensor Random(params long[] shape) => randn(shape, dtype: float64, generator: generator);

        var (a, b) = (Random(64, 96), Random(96, 48));
        checks.Add(Compare("matmul", matmul(a, b), matmul(On(a, device), On(b, device)), ForwardTolerance));

        var (image, kernel, bias) = (Random(2, 8, 16, 16), Random(16, 8, 3, 3), Random(16));
        checks.Add(Compare("conv2d 3x3", nn.functional.conv2d(image, kernel, bias, padding: [1, 1]),
            nn.functional.conv2d(On(image, device), On(kernel, device), On(bias, device), padding: [1, 1]), ForwardTolerance));

        var (q, k, v) = (Random(2, 4, 16, 8), Random(2, 4, 16, 8), Random(2, 4, 16, 8));
        var keep = arange(16).lt(12).view(1, 1, 1, 16).expand(2, 1, 1, 16); // the last four keys are padding
        checks.Add(Compare("scaled_dot_product_attention", nn.functional.scaled_dot_product_attention(q, k, v, keep),
            nn.functional.scaled_dot_product_attention(On(q, device), On(k, device), On(v, device), keep.to(device)), ForwardTolerance));

        var (x, weight, shift) = (Random(4, 32, 64), Random(64), Random(64));
        checks.Add(Compare("layer_norm", nn.functional.layer_norm(x, [64], weight, shift, 1e-6),
            nn.functional.layer_norm(On(x, device), [64], On(weight, device), On(shift, device), 1e-6), ForwardTolerance));
        return checks;
    }

    /// <summary>Forward, then the gradient of a fixed random projection of the output with respect to every parameter.</summary>
    private static List<ParityCheck> Dit(Device device)
    {
        using var scope = NewDisposeScope();
        var config = DitSizes.Tiny;
        using var reference = PerturbedDit(config).to(float64);
        using var candidate = PerturbedDit(config).to(device);

        using var generator = new Generator(5);
        var latents = randn([2, config.InChannels, 3, 8, 8], dtype: float64, generator: generator);
        var timesteps = tensor(new long[] { 10, 900 });
        var context = randn([2, 5, config.TextDim], dtype: float64, generator: generator);
        var mask = tensor(new[] { true, true, true, false, false, true, true, true, true, true }, [2, 5]);
        var projection = randn(latents.shape, dtype: float64, generator: generator);

        var expected = reference.forward(latents, timesteps, context, mask);
        var actual = candidate.forward(On(latents, device), timesteps.to(device), On(context, device), mask.to(device));
        var forward = Compare("dit forward (tiny)", expected, actual, ForwardTolerance);

        (expected * projection).sum().backward();
        (actual * On(projection, device)).sum().backward();
        var worst = reference.named_parameters().Zip(candidate.parameters())
            .Select(pair => Compare($"dit gradient {pair.First.name}", pair.First.parameter.grad!, pair.Second.grad!, GradientTolerance))
            .MaxBy(check => double.IsNaN(check.RelativeError) ? double.PositiveInfinity : check.RelativeError)!;
        return [forward, worst with { Name = $"dit gradients (tiny, worst of {candidate.parameters().Count()}: {worst.Name["dit gradient ".Length..]})" }];
    }

    private static ParityCheck Vae(Device device)
    {
        using var scope = NewDisposeScope();
        var config = VaeConfig.Tiny;
        using var reference = SeededVae(config).to(float64);
        using var candidate = SeededVae(config).to(device);
        using var generator = new Generator(7);
        var video = rand([1, config.ImageChannels, 2, 32, 32], dtype: float64, generator: generator).mul(2).sub(1);
        using var noGrad = no_grad();
        using var expectedPosterior = reference.Encode(video);
        using var actualPosterior = candidate.Encode(On(video, device));
        return Compare("vae encode-decode (tiny)", reference.Decode(expectedPosterior.Mean), candidate.Decode(actualPosterior.Mean), ForwardTolerance);
    }

    /// <summary>A fresh DiT has zero output, temporal and cross-attention projections; noise on every weight makes each path count.</summary>
    private static SpatialTemporalDit PerturbedDit(DitConfig config)
    {
        using var generator = new Generator(3);
        var model = new SpatialTemporalDit(config, generator);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var p in model.parameters()) p.add_(randn(p.shape, generator: generator).mul(0.05));
        return model;
    }

    private static AutoencoderKL SeededVae(VaeConfig config)
    {
        using var generator = new Generator(4);
        return new AutoencoderKL(config, generator: generator);
    }

    private static Tensor On(Tensor reference, Device device) => reference.to(float32, device);

    private static ParityCheck Compare(string name, Tensor expected, Tensor actual, double tolerance)
    {
        using var scope = NewDisposeScope();
        var difference = (actual.to(float64, CPU) - expected).abs().max().ToDouble();
        var scale = expected.abs().max().ToDouble();
        return new ParityCheck(name, difference / Math.Max(scale, 1e-30), tolerance);
    }

    /// <summary>Switches TF32 off for cuBLAS and cuDNN and restores the previous settings.</summary>
    private sealed class Tf32Off : IDisposable
    {
        private readonly bool matmul = backends.cuda.matmul.allow_tf32;
        private readonly bool cudnn = backends.cudnn.allow_tf32;

        public Tf32Off()
        {
            backends.cuda.matmul.allow_tf32 = false;
            backends.cudnn.allow_tf32 = false;
        }

        public void Dispose()
        {
            backends.cuda.matmul.allow_tf32 = matmul;
            backends.cudnn.allow_tf32 = cudnn;
        }
    }
}
