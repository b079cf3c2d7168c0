using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Tests;

public sealed class DynamicDegreeTests
{
    [Fact]
    public void StaticVideoIsNotDynamic()
    {
        var result = DynamicDegree.Measure(SyntheticVideo.Static(frames: 16, fps: 12));
        Assert.False(result.IsDynamic);
        Assert.Equal(0, result.PairsAboveThreshold);
        Assert.True(result.MeanMotion < 0.2);
        Assert.Equal(0, DynamicDegree.Share([result]));
    }

    [Fact]
    public void FollowsVBenchsResamplingAndThreshold()
    {
        // 24 fps -> every 3rd frame (8 fps); 48 frames -> 16 kept -> 4 moving pairs needed; 128 px -> 3 px threshold.
        var result = DynamicDegree.Measure(SyntheticVideo.Static(width: 128, height: 160, frames: 48, fps: 24));
        Assert.Equal(3, result.Stride);
        Assert.Equal(15, result.PairMotion.Count);
        Assert.Equal(4, result.RequiredPairs);
        Assert.Equal(3.0, result.Threshold, 9);
    }

    [Fact]
    public void TranslatingPatternIsDynamicWithTheMotionItWasGiven()
    {
        // 12 fps: VBench keeps every 2nd frame, so each kept pair moves 2 x 2 px; the threshold at 96 px is 2.25 px.
        var result = DynamicDegree.Measure(SyntheticVideo.Translating(2, 0, width: 96, height: 96, frames: 16, fps: 12));
        Assert.True(result.IsDynamic);
        Assert.All(result.PairMotion, m => Assert.InRange(m, 3.8, 4.6));
        Assert.Equal(1, DynamicDegree.Share([result]));
    }

    [Fact]
    public void SlowDriftBelowTheThresholdIsNotDynamic()
    {
        var result = DynamicDegree.Measure(SyntheticVideo.Translating(0.3, 0, width: 96, height: 96, frames: 16, fps: 12));
        Assert.False(result.IsDynamic);
        Assert.InRange(result.MeanMotion, 0.4, 0.9);
    }

    [Fact]
    public void ShareCountsDynamicVideos()
    {
        var still = DynamicDegree.Measure(SyntheticVideo.Static());
        var moving = DynamicDegree.Measure(SyntheticVideo.Translating(3, 1));
        Assert.Equal(0.5, DynamicDegree.Share([still, moving]));
    }
}
