using MedVid.Diffusion.Sampling;
using MedVid.Diffusion.Training;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>The mixed noise prior: noise with a share common to every frame of a clip, in training and in sampling.</summary>
public class FrameNoiseShareTests
{
    private static readonly long[] Clips = [64, 4, 4, 16, 16];

    [Fact]
    public void A_share_of_zero_draws_exactly_the_independent_noise_of_before()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var first = new Generator(5);
        using var second = new Generator(5);
        Expect.BitEqual(randn(Clips, float32, CPU, generator: first), schedule.DrawNoise(Clips, second), "noise with share 0");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Frames_of_a_clip_correlate_by_the_share_while_each_element_stays_standard_normal(double share)
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(FrameNoiseShare: share));
        using var generator = new Generator(9);
        var noise = schedule.DrawNoise(Clips, generator).to(float64);
        Assert.InRange(noise.std().ToDouble(), 0.98, 1.02);
        Assert.InRange(noise.mean().ToDouble(), -0.02, 0.02);
        var frame0 = noise.select(2, 0).flatten();
        var frame3 = noise.select(2, 3).flatten();
        Assert.InRange(Correlation(frame0, frame3), share - 0.03, share + 0.03);
        // Different clips share nothing.
        Assert.InRange(Correlation(noise[0].flatten(), noise[1].flatten()), -0.06, 0.06);
    }

    [Fact]
    public void Training_steps_draw_their_noise_from_the_schedule()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(FrameNoiseShare: 0.8));
        var random = StepRandomness.Draw(3, 10, Clips, schedule, captionDropout: 0.1);
        var noise = random.Noise.to(float64);
        Assert.InRange(Correlation(noise.select(2, 1).flatten(), noise.select(2, 2).flatten()), 0.77, 0.83);
        Expect.BitEqual(random.Noise, StepRandomness.Draw(3, 10, Clips, schedule, 0.1).Noise, "the same step drawn twice");
    }

    [Fact]
    public void Sampling_starts_from_noise_with_the_models_share()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(FrameNoiseShare: 0.8));
        var denoiser = new FirstInputRecorder();
        var request = new SamplingRequest([8, 4, 4, 16, 16], TestData.Captions(8, new Generator(1)));
        using var generator = new Generator(4);
        new DdimSampler(schedule, new DdimOptions(InferenceSteps: 1)).Sample(denoiser, request, generator);
        var start = denoiser.First!.to(float64);
        Assert.InRange(Correlation(start.select(2, 0).flatten(), start.select(2, 2).flatten()), 0.74, 0.86);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void A_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseSchedule(new NoiseScheduleConfig(FrameNoiseShare: share)));

    [Fact]
    public void Shared_noise_needs_a_time_axis()
    {
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(FrameNoiseShare: 0.5));
        using var generator = new Generator(1);
        var error = Assert.Throws<ArgumentException>(() => schedule.DrawNoise([2, 4, 16, 16], generator));
        Assert.Contains("[B, C, T, H, W]", error.Message);
    }

    private static double Correlation(Tensor a, Tensor b)
    {
        var (x, y) = (a - a.mean(), b - b.mean());
        return ((x * y).sum() / (x.norm() * y.norm())).ToDouble();
    }

    /// <summary>Predicts zeros and keeps the first x_t it is given (the sampler's starting noise).</summary>
    private sealed class FirstInputRecorder : IDenoiser
    {
        public Tensor? First { get; private set; }

        public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
        {
            First ??= noisy.clone().DetachFromDisposeScope();
            return zeros_like(noisy);
        }
    }
}
