using MedVid.Diffusion.Sampling;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

public class SamplerTests
{
    private static readonly long[] Shape = [2, 2, 2, 4, 4];

    private static Tensor SampleWith(Sampler sampler, IDenoiser denoiser, ulong seed, double guidance = 1.0)
    {
        using var captionGenerator = new Generator(100);
        var request = new SamplingRequest(Shape, TestData.Captions(2, captionGenerator), TestData.NullCaption(), guidance);
        using var generator = new Generator(seed);
        return sampler.Sample(denoiser, request, generator);
    }

    [Fact]
    public void DDIM_with_eta_zero_is_deterministic_for_a_seed()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(1);
        using var model = new TinyDenoiser();
        model.eval();
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 10));
        var first = SampleWith(sampler, model, 7, guidance: 3);
        var second = SampleWith(sampler, model, 7, guidance: 3);
        Expect.BitEqual(first, second, "two runs with seed 7");
        var other = SampleWith(sampler, model, 8, guidance: 3);
        Assert.False(first.allclose(other), "another seed must give other latents");
    }

    [Fact]
    public void DDIM_step_noise_comes_from_the_generator_only_when_eta_is_positive()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var model = new RecordingDenoiser();
        using var startGenerator = new Generator(4);
        using var captionGenerator = new Generator(1);
        var request = new SamplingRequest(Shape, TestData.Captions(2, captionGenerator), InitialNoise: randn(Shape, generator: startGenerator));
        Tensor Run(double eta, ulong seed)
        {
            using var generator = new Generator(seed);
            return new DdimSampler(schedule, new DdimOptions(InferenceSteps: 5, Eta: eta)).Sample(model, request, generator);
        }
        // Same x_T: with eta 0 the generator is unused after x_T; with eta 1 it shapes every step.
        Expect.BitEqual(Run(0, 5), Run(0, 6), "eta 0, other generator");
        Expect.BitEqual(Run(1, 5), Run(1, 5), "eta 1, same seed");
        Assert.False(Run(1, 5).allclose(Run(1, 6)), "eta 1 must use the generator's noise");
    }

    [Theory]
    [InlineData(TimestepSpacing.Leading)]
    [InlineData(TimestepSpacing.Trailing)]
    public void DDIM_with_an_oracle_denoiser_lands_on_x0(TimestepSpacing spacing)
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(9);
        var x0 = randn(Shape, generator: generator);
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 25, Spacing: spacing));
        var sample = SampleWith(sampler, new OracleDenoiser(schedule, x0), 11);
        Expect.Close(x0, sample, 1e-4, "sampled latents");
    }

    [Fact]
    public void One_DDIM_step_with_the_true_noise_moves_along_the_same_trajectory()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(12);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 10));
        var noisy = schedule.AddNoise(x0, noise, full([2], 700, int64));
        var previous = sampler.Step(noisy, noise, 700, 600, generator);
        Expect.Close(schedule.AddNoise(x0, noise, full([2], 600, int64)), previous, 1e-5, "x_600");
        var last = sampler.Step(schedule.AddNoise(x0, noise, full([2], 100, int64)), noise, 100, -1, generator);
        Expect.Close(x0, last, 1e-5, "x0 after the final step");
    }

    [Fact]
    public void Without_alpha_set_to_one_the_last_DDIM_step_stops_at_the_noise_level_of_step_zero()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(13);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 10, SetAlphaToOne: false));
        Assert.Equal(schedule.AlphaCumprod(0), sampler.FinalAlphaCumprod);
        var last = sampler.Step(schedule.AddNoise(x0, noise, full([2], 100, int64)), noise, 100, -1, generator);
        Expect.Close(schedule.AddNoise(x0, noise, full([2], 0, int64)), last, 1e-5, "x at ᾱ_0");
    }

    [Fact]
    public void DDPM_posterior_variance_is_fixed_small()
    {
        using var schedule = new NoiseSchedule();
        var sampler = new DdpmSampler(schedule);
        Assert.Equal(1000, sampler.Timesteps.Count);
        // β̃_1 = (1 − ᾱ_0)/(1 − ᾱ_1) β_1 with β_0 = 1e-4, β_1 = 1e-4 + 0.0199/999.
        const double beta0 = 1e-4, beta1 = 1e-4 + 0.0199 / 999;
        var a0 = 1 - beta0;
        var a1 = a0 * (1 - beta1);
        Assert.Equal((1 - a0) / (1 - a1) * beta1, sampler.PosteriorVariance(1, 0), 15);
        Assert.Equal(5.4531e-5, sampler.PosteriorVariance(1, 0), 8);
        // At the end of the chain β̃ ≈ β (ᾱ is tiny): β̃_999 = (1 − ᾱ_998)/(1 − ᾱ_999) · 0.02.
        Assert.Equal((1 - schedule.AlphaCumprod(998)) / (1 - schedule.AlphaCumprod(999)) * 0.02, sampler.PosteriorVariance(999, 998), 15);
        Assert.InRange(sampler.PosteriorVariance(999, 998), 0.019999, 0.02);
        // Before t = 0 there is nothing left to add (clamped at 1e-20, as diffusers).
        Assert.Equal(1e-20, sampler.PosteriorVariance(0, -1));
        // With 10 steps the jump 900 → 800 uses β = 1 − ᾱ_900/ᾱ_800.
        var skipping = new DdpmSampler(schedule, new DdpmOptions(InferenceSteps: 10));
        Assert.Equal([900L, 800, 700, 600, 500, 400, 300, 200, 100, 0], skipping.Timesteps);
        var a800 = schedule.AlphaCumprod(800);
        var a900 = schedule.AlphaCumprod(900);
        Assert.Equal((1 - a800) / (1 - a900) * (1 - a900 / a800), skipping.PosteriorVariance(900, 800), 15);
    }

    [Fact]
    public void DDPM_mean_step_with_the_true_noise_is_the_posterior_mean()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(14);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        var sampler = new DdpmSampler(schedule);
        var xt = schedule.AddNoise(x0, noise, full([2], 1, int64));
        // t = 1 → 0 adds noise of variance β̃_1; t = 0 adds none, so its result is the mean, which
        // with the true noise is x0 exactly.
        var mean0 = sampler.Step(schedule.AddNoise(x0, noise, full([2], 0, int64)), noise, 0, -1, generator);
        Expect.Close(x0, mean0, 1e-5, "mean at t=0");
        var a = sampler.Step(xt, noise, 1, 0, new Generator(1));
        var b = sampler.Step(xt, noise, 1, 0, new Generator(1));
        Expect.BitEqual(a, b, "same generator");
        var a0 = schedule.AlphaCumprod(0);
        var a1 = schedule.AlphaCumprod(1);
        var beta1 = schedule.Beta(1);
        var mean = x0 * (Math.Sqrt(a0) * beta1 / (1 - a1)) + xt * (Math.Sqrt(1 - beta1) * (1 - a0) / (1 - a1));
        var deviation = ((a - mean) / Math.Sqrt(sampler.PosteriorVariance(1, 0))).std().ToDouble();
        Assert.InRange(deviation, 0.8, 1.2);
    }

    [Fact]
    public void DDPM_sampling_is_reproducible_and_seed_dependent()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var x0 = zeros(Shape);
        var sampler = new DdpmSampler(schedule, new DdpmOptions(InferenceSteps: 20));
        var model = new RecordingDenoiser();
        Expect.BitEqual(SampleWith(sampler, model, 21), SampleWith(sampler, model, 21), "same seed");
        Assert.False(SampleWith(sampler, model, 21).allclose(SampleWith(sampler, model, 22)));
    }

    [Fact]
    public void Guidance_scale_one_is_the_conditional_prediction_in_one_pass()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(15);
        var x = randn(Shape, generator: generator);
        var t = full([2], 500, int64);
        var captions = TestData.Captions(2, generator);
        var model = new RecordingDenoiser();
        var guided = ClassifierFreeGuidance.Predict(model, x, t, captions, TestData.NullCaption(), 1.0);
        Expect.BitEqual(model.Predict(x, t, captions), guided, "w = 1");
        Assert.Equal([2L, 2L], model.BatchSizes);
    }

    [Fact]
    public void Guidance_batches_null_and_caption_rows_and_extrapolates()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(16);
        var x = randn(Shape, generator: generator);
        var t = full([2], 500, int64);
        var captions = TestData.Captions(2, generator);
        var nullCaption = TestData.NullCaption();
        var model = new RecordingDenoiser();
        var guided = ClassifierFreeGuidance.Predict(model, x, t, captions, nullCaption, 7.5);
        Assert.Equal([4L], model.BatchSizes);
        var conditional = model.Predict(x, t, captions);
        var unconditional = model.Predict(x, t, nullCaption.ExpandTo(2));
        Expect.Close(unconditional + (conditional - unconditional) * 7.5, guided, 1e-5, "w = 7.5");
        Assert.Throws<ArgumentException>(() => ClassifierFreeGuidance.Predict(model, x, t, captions, null, 2.0));
    }

    [Fact]
    public void Cancellation_stops_sampling_and_progress_reports_each_step()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 50));
        var model = new RecordingDenoiser();
        var seen = new List<SamplingProgress>();
        using var cancel = new CancellationTokenSource();
        var request = new SamplingRequest(Shape, TestData.Captions(2, new Generator(1)));
        Assert.Throws<OperationCanceledException>(() => sampler.Sample(model, request, new Generator(2), p =>
        {
            seen.Add(p);
            if (p.Step == 3) cancel.Cancel();
        }, cancel.Token));
        Assert.Equal(3, model.BatchSizes.Count);
        Assert.Equal([new SamplingProgress(1, 50, 980), new SamplingProgress(2, 50, 960), new SamplingProgress(3, 50, 940)], seen);
    }
}
