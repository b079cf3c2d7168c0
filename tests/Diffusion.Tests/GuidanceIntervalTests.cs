using MedVid.Diffusion.Sampling;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>Guidance applied only at the timesteps of an interval (Kynkäänniemi et al. 2024).</summary>
public class GuidanceIntervalTests
{
    private static readonly long[] Shape = [2, 2, 3, 4, 4];

    [Fact]
    public void Only_the_steps_inside_the_interval_run_the_unconditional_pass()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 4));
        var model = new RecordingDenoiser();
        using var generator = new Generator(3);
        var request = new SamplingRequest(Shape, TestData.Captions(2, generator), TestData.NullCaption(), 4.0,
            GuidanceInterval: new GuidanceInterval(0, 500));
        sampler.Sample(model, request, generator);
        // Leading spacing visits 750, 500, 250, 0: the first step is conditional only (2 rows), the rest guided (2 + 2 rows).
        Assert.Equal([750L, 500L, 250L, 0L], sampler.Timesteps);
        Assert.Equal([2L, 4L, 4L, 4L], model.BatchSizes);
    }

    [Fact]
    public void An_interval_over_every_timestep_samples_as_plain_guidance()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var sampler = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 4));
        Tensor Sample(GuidanceInterval? interval)
        {
            using var generator = new Generator(8);
            var request = new SamplingRequest(Shape, TestData.Captions(2, generator), TestData.NullCaption(), 4.0, GuidanceInterval: interval);
            return sampler.Sample(new RecordingDenoiser(), request, generator);
        }
        Expect.BitEqual(Sample(null), Sample(new GuidanceInterval(0, 999)), "interval 0..999");
        Assert.False(Sample(null).allclose(Sample(new GuidanceInterval(0, 500))), "an interval that leaves a step out changes the sample");
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(600, 500)]
    public void An_empty_or_negative_interval_is_refused(long from, long to) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuidanceInterval(from, to));
}
