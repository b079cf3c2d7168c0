using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Tests;

public sealed class TemporalFlickeringTests
{
    [Fact]
    public void StaticVideoDoesNotFlicker()
    {
        var result = TemporalFlickering.Measure(SyntheticVideo.Static());
        Assert.Equal(1.0, result.Score);
        Assert.Equal(1.0, result.StaticFraction, 6);
    }

    [Fact]
    public void OneFlashingFrameCostsTwoPairsOfItsBrightnessStep()
    {
        const float step = 40;
        var video = SyntheticVideo.Edited(SyntheticVideo.Static(frames: 16), (t, pixels) =>
        {
            if (t == 8) for (var i = 0; i < pixels.Length; i++) pixels[i] += step;
        });
        var result = TemporalFlickering.Measure(video);

        // The flash changes the pairs (7, 8) and (8, 9) by `step` everywhere: mean difference 2 x 40 / 15 pairs.
        var expected = 1 - 2 * step / 15 / 255;
        Assert.True(result.StaticFraction > 0.99);
        Assert.InRange(result.Score!.Value, expected - 0.002, expected + 0.002);
        Assert.InRange(result.PairDifferences[7], step - 1, step + 1);
        Assert.Equal(0, result.PairDifferences[0], 6);
    }

    [Fact]
    public void StrongerPerFrameNoiseFlickersMore()
    {
        var random = new Random(7);
        double Score(double sigma) => TemporalFlickering.Measure(SyntheticVideo.Edited(SyntheticVideo.Static(),
            (_, pixels) => SyntheticVideo.AddNoise(pixels, sigma, random))).Score!.Value;
        var (mild, strong) = (Score(2), Score(8));
        Assert.True(mild < 1);
        Assert.True(strong < mild - 0.01);
    }

    [Fact]
    public void MotionIsNotCountedAsFlicker()
    {
        // Every pixel moves 3 px per frame: no static samples, so there is no evidence of flicker either way.
        var result = TemporalFlickering.Measure(SyntheticVideo.Translating(3, 0, width: 96, height: 96));
        Assert.True(result.StaticFraction < 0.05);
        if (result.Score is { } score) Assert.True(score > 0.97);
    }
}
