using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Tests;

public sealed class MotionSmoothnessTests
{
    [Fact]
    public void StaticVideoIsPerfectlySmooth()
    {
        var result = MotionSmoothness.Measure(SyntheticVideo.Static());
        Assert.True(result.Score > 0.9995);
        Assert.Equal(7, result.FrameErrors.Count);
    }

    [Fact]
    public void ConstantVelocityIsPredictedFromItsNeighbours()
    {
        var result = MotionSmoothness.Measure(SyntheticVideo.Translating(1.5, 0.5, width: 96, height: 96));
        Assert.True(result.Score > 0.99, $"score {result.Score}");
    }

    [Fact]
    public void StutterAndJitterAreLessSmoothThanSteadyMotion()
    {
        var steady = MotionSmoothness.Measure(SyntheticVideo.Moving(96, 96, 16, 12, t => (2.0 * t, 0)));
        // The same average speed, but the odd frames hold the previous position (stutter) or jump ahead (jitter).
        var stutter = MotionSmoothness.Measure(SyntheticVideo.Moving(96, 96, 16, 12, t => (2.0 * (t - t % 2), 0)));
        var jitter = MotionSmoothness.Measure(SyntheticVideo.Moving(96, 96, 16, 12, t => (2.0 * t + (t % 2) * 1.5, 0)));
        Assert.True(stutter.Score < steady.Score - 0.02, $"{stutter.Score} vs {steady.Score}");
        Assert.True(jitter.Score < steady.Score - 0.02, $"{jitter.Score} vs {steady.Score}");
    }
}
