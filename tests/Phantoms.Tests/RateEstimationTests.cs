using MedVid.Phantoms.Estimation;
using MedVid.Video;

namespace MedVid.Phantoms.Tests;

public sealed class RateEstimationTests
{
    [Theory]
    [InlineData(48, 64, 48, 12)]
    [InlineData(75, 64, 48, 12)]
    [InlineData(110, 128, 48, 12)]
    [InlineData(140, 128, 48, 12)]
    [InlineData(90, 96, 64, 15)]
    [InlineData(60, 256, 32, 12)]
    public async Task Heart_rate_is_recovered_from_the_mp4_within_5_bpm(double bpm, int size, int frames, double fps)
    {
        var spec = new EchoPhantom(bpm, Seed: (int)bpm, Width: size, Height: size, Frames: frames, Fps: fps);

        var estimate = PhantomEstimators.EstimateHeartRate(await RoundTrip.ThroughMp4Async(spec), fps);

        Assert.InRange(estimate.Bpm, bpm - Tolerances.HeartRateBpm, bpm + Tolerances.HeartRateBpm);
        Assert.True(estimate.Confidence > 0.5, $"confidence {estimate.Confidence}");
    }

    [Fact]
    public async Task Heart_rate_survives_decoding_at_a_smaller_analysis_size()
    {
        var spec = new EchoPhantom(84, Seed: 5, Width: 256, Height: 256, Frames: 36);

        var frames = await RoundTrip.ThroughMp4Async(spec, width: 64, height: 64);

        Assert.Equal(64, frames[0].Width);
        Assert.InRange(PhantomEstimators.EstimateHeartRate(frames, 12).Bpm, 84 - Tolerances.HeartRateBpm, 84 + Tolerances.HeartRateBpm);
    }

    [Theory]
    [InlineData(0.7, 64)]
    [InlineData(1.5, 64)]
    [InlineData(2.5, 96)]
    [InlineData(1.1, 128)]
    public async Task Articulator_frequency_is_recovered_within_10_percent(double hz, int size)
    {
        var spec = new MriPhantom(hz, Seed: (int)(hz * 10), Width: size, Height: size);

        var estimate = PhantomEstimators.EstimateRate(await RoundTrip.ThroughMp4Async(spec), spec.Fps);

        Assert.InRange(estimate.Hz, hz * (1 - Tolerances.ArticulatorRelative), hz * (1 + Tolerances.ArticulatorRelative));
    }

    [Fact]
    public void A_pure_flicker_is_measured_to_a_fraction_of_a_percent()
    {
        // 1.7 Hz brightness oscillation, 3 s at 20 fps: only a few cycles, so this checks the interpolation, not the bin spacing.
        var frames = Enumerable.Range(0, 60).Select(i =>
        {
            var frame = RgbFrame.Blank(32, 32);
            Array.Fill(frame.Pixels, (byte)(128 + 60 * Math.Sin(2 * Math.PI * 1.7 * i / 20.0)));
            return frame;
        }).ToList();

        var estimate = PhantomEstimators.EstimateRate(frames, 20);

        Assert.InRange(estimate.Hz, 1.69, 1.71);
        Assert.True(estimate.Confidence > 0.9);
    }

    [Fact]
    public void Too_few_frames_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PhantomEstimators.EstimateRate([RgbFrame.Blank(8, 8), RgbFrame.Blank(8, 8)], 12));
    }
}
