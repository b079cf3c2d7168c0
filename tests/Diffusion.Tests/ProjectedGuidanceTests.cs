using MedVid.Diffusion.Sampling;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>Projected guidance (Sadat et al. 2024): the guidance's part parallel to the conditional x̂0 weighted by η.</summary>
public class ProjectedGuidanceTests
{
    private static readonly long[] Shape = [2, 2, 3, 4, 4];
    private static readonly OutputCoefficients AtT500 = Parameterization.Coefficients(PredictionType.V, 0.3);

    [Fact]
    public void With_eta_zero_the_guided_x0_moves_only_orthogonally_to_the_conditional_x0()
    {
        using var scope = NewDisposeScope();
        var (noisy, t, captions, denoiser) = Inputs();
        var conditional = X0(noisy, ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 1.0));
        var plain = X0(noisy, ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0));
        var projected = X0(noisy, ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0,
            projection: new GuidanceProjection(0, AtT500)));
        for (var row = 0; row < Shape[0]; row++)
        {
            var step = projected[row] - conditional[row];
            var cosine = (step * conditional[row]).sum().ToDouble() / (step.norm().ToDouble() * conditional[row].norm().ToDouble());
            Assert.InRange(cosine, -1e-4, 1e-4);
            // Plain guidance has a parallel part here, so dropping it changes the output.
            var plainStep = plain[row] - conditional[row];
            var plainCosine = (plainStep * conditional[row]).sum().ToDouble() / (plainStep.norm().ToDouble() * conditional[row].norm().ToDouble());
            Assert.True(Math.Abs(plainCosine) > 0.01, $"plain guidance's cosine {plainCosine}");
        }
    }

    [Fact]
    public void With_eta_one_it_is_plain_guidance_and_between_it_mixes_the_two()
    {
        using var scope = NewDisposeScope();
        var (noisy, t, captions, denoiser) = Inputs();
        var plain = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0);
        Tensor Projected(double eta) => ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0,
            projection: new GuidanceProjection(eta, AtT500));
        Expect.Close(plain, Projected(1), 1e-4, "η = 1");
        Expect.Close(Projected(0) * 0.6 + plain * 0.4, Projected(0.4), 1e-4, "η = 0.4");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.2)]
    public void A_sampler_refuses_a_parallel_weight_outside_zero_to_one(double eta)
    {
        using var scope = NewDisposeScope();
        var (_, _, captions, denoiser) = Inputs();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig());
        var sampler = new DdimSampler(schedule, new DdimOptions(2), PredictionType.V);
        using var generator = new Generator(1);
        var request = new SamplingRequest(Shape, captions, TestData.NullCaption(), 5.0, GuidanceParallelWeight: eta);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(denoiser, request, generator));
    }

    private static Tensor X0(Tensor noisy, Tensor output) => noisy * AtT500.X0FromSample + output * AtT500.X0FromOutput;

    private static (Tensor Noisy, Tensor Timesteps, Conditioning Captions, TinyDenoiser Denoiser) Inputs()
    {
        using var generator = new Generator(5);
        var denoiser = new TinyDenoiser(dropoutRate: 0);
        denoiser.eval();
        return (randn(Shape, generator: generator), full([Shape[0]], 500L), TestData.Captions(Shape[0], generator), denoiser);
    }
}
