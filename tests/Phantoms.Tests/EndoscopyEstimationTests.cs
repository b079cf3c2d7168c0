using MedVid.Phantoms.Estimation;

namespace MedVid.Phantoms.Tests;

public sealed class EndoscopyEstimationTests
{
    [Theory]
    [InlineData(64, 48, 12)]
    [InlineData(128, 32, 12)]
    public async Task Forward_speed_is_within_25_percent_and_rises_with_the_true_speed(int size, int frames, double fps)
    {
        double[] speeds = [0.5, 1.0, 2.0];
        var estimates = new List<double>();
        foreach (var speed in speeds)
        {
            var spec = new EndoscopyPhantom(speed, Polyp: false, Seed: (int)(speed * 10), Width: size, Height: size, Frames: frames, Fps: fps);
            var estimate = PhantomEstimators.EstimateForwardSpeed(await RoundTrip.ThroughMp4Async(spec), fps);
            Assert.InRange(estimate.RadiiPerSecond, speed * (1 - Tolerances.SpeedRelative), speed * (1 + Tolerances.SpeedRelative));
            estimates.Add(estimate.RadiiPerSecond);
        }
        Assert.Equal(estimates.Order(), estimates);
        Assert.True(estimates[0] < estimates[1] && estimates[1] < estimates[2]);
    }

    [Fact]
    public void Playing_the_clip_backwards_gives_a_negative_speed()
    {
        var frames = new EndoscopyPhantom(1.0, Polyp: false, Seed: 4, Width: 96, Height: 96, Frames: 24).Render().Reverse().ToList();

        Assert.InRange(PhantomEstimators.EstimateForwardSpeed(frames, 12).RadiiPerSecond, -1.25, -0.75);
    }

    [Theory]
    [InlineData(64, 0.5)]
    [InlineData(64, 1.8)]
    [InlineData(128, 0.5)]
    [InlineData(128, 1.8)]
    public async Task Polyps_are_found_when_present_and_only_then(int size, double speed)
    {
        var seed = (int)(speed * 10) + size;
        var with = new EndoscopyPhantom(speed, Polyp: true, Seed: seed, Width: size, Height: size, Frames: 40);
        var without = with with { Polyp = false };

        var found = PhantomEstimators.DetectPolyp(await RoundTrip.ThroughMp4Async(with));
        var clean = PhantomEstimators.DetectPolyp(await RoundTrip.ThroughMp4Async(without));

        Assert.True(found.Present, $"missed the polyp ({found.FramesWithPolyp} frames)");
        Assert.False(clean.Present, $"false polyp in {clean.FramesWithPolyp} frames");
        Assert.Equal(0, clean.FramesWithPolyp);
    }

    [Fact]
    public void A_colour_cast_over_the_whole_frame_is_not_a_polyp_and_a_polyp_under_it_still_is()
    {
        // A white-balance cast (green and blue gain 1.3) lifts the mucosa's green/red from about 0.43 to 0.56, and its
        // brightest vessels' past the fixed threshold of 0.6.
        static List<MedVid.Video.RgbFrame> Cast(EndoscopyPhantom spec) =>
            spec.Render().Select(f => f with { Pixels = f.Pixels.Select((v, i) => (byte)Math.Min(255, i % 3 == 0 ? v : 1.3 * v)).ToArray() }).ToList();
        var with = new EndoscopyPhantom(1.0, Polyp: true, Seed: 12, Width: 64, Height: 64, Frames: 24);

        var clean = PhantomEstimators.DetectPolyp(Cast(with with { Polyp = false }));
        var found = PhantomEstimators.DetectPolyp(Cast(with));

        Assert.Equal(0, clean.FramesWithPolyp);
        Assert.True(found.Present, $"missed the polyp under the cast ({found.FramesWithPolyp} frames)");
    }
}
