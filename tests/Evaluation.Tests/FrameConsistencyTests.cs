using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Tests;

public sealed class FrameConsistencyTests
{
    [Fact]
    public void IdenticalFramesAreFullyConsistent()
    {
        var result = FrameConsistency.Measure(SyntheticVideo.Static());
        Assert.Equal(1.0, result.Score, 9);
    }

    [Fact]
    public void NoiseAndDisplacementLowerConsistency()
    {
        var random = new Random(3);
        var noisy = FrameConsistency.Measure(SyntheticVideo.Edited(SyntheticVideo.Static(), (_, p) => SyntheticVideo.AddNoise(p, 10, random)));
        var moving = FrameConsistency.Measure(SyntheticVideo.Translating(4, 0));
        Assert.InRange(noisy.Score, 0, 0.95);
        Assert.InRange(moving.Score, -1, 0.95);
    }

    [Fact]
    public void SsimFollowsItsDefinitionForAConstantOffset()
    {
        // Two flat images: variances and covariance vanish, leaving the luminance term (2ab + C1) / (a² + b² + C1).
        var a = Enumerable.Repeat(100f, 32 * 32).ToArray();
        var b = Enumerable.Repeat(120f, 32 * 32).ToArray();
        const double c1 = 2.55 * 2.55;
        Assert.Equal((2 * 100.0 * 120 + c1) / (100.0 * 100 + 120.0 * 120 + c1), FrameConsistency.Ssim(a, b, 32, 32), 9);
    }
}
