using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Pixel;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

/// <summary>The metrics on the platform's own phantoms: a rendered clip against the same clip damaged in known ways.</summary>
public sealed class PhantomPixelMetricsTests
{
    private static FrameSequence Render(PhantomSpec spec) => FrameSequence.FromRgbFrames(spec.Render().ToList(), spec.Fps);

    [Fact]
    public void ShuffledFramesAreLessSmoothThanTheRealClip()
    {
        var real = Render(new EndoscopyPhantom(SpeedPerSecond: 1.0, Polyp: false, Seed: 5, Width: 96, Height: 96, Frames: 24, Fps: 12));
        var order = Enumerable.Range(0, real.Count).ToArray();
        new Random(2).Shuffle(order);
        var shuffled = FrameSequence.FromRgb(real.Width, real.Height, real.Fps, order.Select(real.Rgb).ToList());

        Assert.True(MotionSmoothness.Measure(shuffled).Score < MotionSmoothness.Measure(real).Score - 0.01);
        Assert.True(FrameConsistency.Measure(shuffled).Score < FrameConsistency.Measure(real).Score);
    }

    [Fact]
    public void PerFrameNoiseFlickersMoreThanTheRealClip()
    {
        var real = Render(new MicroscopyPhantom(CellCount: 6, Seed: 3, Width: 96, Height: 96, Frames: 16, Fps: 12));
        var random = new Random(5);
        var noisy = SyntheticVideo.Edited(real, (_, p) => SyntheticVideo.AddNoise(p, 12, random));

        var (realReport, noisyReport) = (PixelMetrics.Measure(real), PixelMetrics.Measure(noisy));
        Assert.True(noisyReport.Flicker.Score < realReport.Flicker.Score - 0.02);
        Assert.True(noisyReport.ImagingQuality.NoiseSigma > realReport.ImagingQuality.NoiseSigma + 5);
    }
}
