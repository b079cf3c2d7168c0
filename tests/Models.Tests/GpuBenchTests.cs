using MedVid.GpuBench;
using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>
/// bench/gpu's pieces on the CPU: the parity checks (float32 against float64), the bf16 step with float32 masters,
/// the FLOP formula behind MFU and the spec peaks. The GPU side itself runs only on a GPU host (bench/gpu/run.sh).
/// </summary>
public sealed class GpuBenchTests
{
    [Fact]
    public void Parity_checks_pass_for_the_cpu_float32_kernels_against_float64()
    {
        var checks = ParityChecks.Run(CPU);
        Assert.Equal(7, checks.Count);
        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {check.RelativeError:E2} > {check.Tolerance:E0}"));
        // Real comparisons, not a device against itself: float32 rounding shows.
        Assert.All(checks, check => Assert.True(check.RelativeError > 0, check.Name));
    }

    [Fact]
    public void A_nan_fails_its_parity_check()
    {
        Assert.False(new ParityCheck("x", double.NaN, 1e-4).Passed);
    }

    [Fact]
    public void Bf16_step_runs_a_bf16_copy_and_updates_the_float32_masters()
    {
        using var step = new DitTrainingStep(DitSizes.Tiny, new BatchShape(2, 2, 4, 6), CPU, ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, step.ComputeWeight!.dtype);
        Assert.All(step.MasterParameters, p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.Equal(DitSizes.Tiny.ParameterCount(), step.ParameterCount);

        var before = step.MasterParameters.Select(p => p.detach().clone()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            using var loss = step.Step();
            Assert.True(double.IsFinite(loss.ToDouble()));
        }
        // Every master moves. The zero-initialised output layers gate the rest: step 1 reaches the final layer, step 2
        // the temporal and cross-attention output projections, step 3 the layers behind those.
        var moved = step.MasterParameters.Zip(before).Count(pair => !pair.First.allclose(pair.Second, 0, 0));
        Assert.Equal(before.Length, moved);
        foreach (var t in before) t.Dispose();
    }

    [Fact]
    public void The_flop_formula_counts_every_weight_matrix_of_the_model_once()
    {
        foreach (var config in new[] { DitSizes.Tiny, DitSizes.Tiny4x, DitSizes.Tiny with { PooledText = true } })
        {
            using var model = new SpatialTemporalDit(config);
            var matrices = model.named_parameters()
                .Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal) && p.parameter.dim() >= 2)
                .Sum(p => p.parameter.numel());
            var (video, caption, sample) = DitFlops.Weights(config);
            Assert.Equal(matrices, video + caption + sample);
        }
    }

    [Fact]
    public void Flops_grow_with_tokens_as_the_formula_says()
    {
        var config = DitSizes.Small;
        var (video, caption, sample) = DitFlops.Weights(config);
        var shape = new BatchShape(Batch: 1, Frames: 2, Latent: 4, Text: 3); // 2 frames of 2x2 tokens
        var attention = 12.0 * config.Depth * config.Hidden * 8 * (4 + 2 + 3);
        Assert.Equal(6.0 * (video * 8 + caption * 3 + sample) + attention, DitFlops.TrainingStep(config, shape));
        Assert.Equal(3 * DitFlops.TrainingStep(config, shape), DitFlops.TrainingStep(config, shape with { Batch = 3 }));
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3", 989.0)]
    [InlineData("NVIDIA H100 PCIe", 756.0)]
    [InlineData("NVIDIA H200", 989.0)]
    [InlineData("NVIDIA A100-SXM4-80GB", 312.0)]
    [InlineData("NVIDIA GeForce RTX 4090", null)]
    [InlineData(null, null)]
    public void Spec_peaks_are_looked_up_by_the_driver_name(string? name, double? tflops)
    {
        Assert.Equal(tflops, SpecPeaks.Bf16DenseTflops(name));
    }
}
