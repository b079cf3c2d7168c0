using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Tests;

public sealed class ImagingQualityTests
{
    [Fact]
    public void MoreBlurredFramesAreLessSharp()
    {
        var sharp = SyntheticVideo.Static(frames: 2);
        double Sharpness(int radius) => ImagingQuality.Measure(radius == 0 ? sharp
            : SyntheticVideo.Edited(sharp, (_, p) => Array.Copy(SyntheticVideo.BoxBlur(p, 64, 64, radius), p, p.Length))).Sharpness;
        var (none, slight, strong) = (Sharpness(0), Sharpness(1), Sharpness(3));
        Assert.True(slight < 0.9 * none, $"{slight} vs {none}");
        Assert.True(strong < 0.5 * slight, $"{strong} vs {slight}");
    }

    [Fact]
    public void ImmerkaerRecoversTheNoiseAddedToAFlatFrame()
    {
        var random = new Random(11);
        var video = Flat(128, 128, 120, 120, 120, frames: 3, edit: p => SyntheticVideo.AddNoise(p, 8, random));
        // R, G and B carry independent noise of sigma 8; luma 0.299R + 0.587G + 0.114B has sigma 8 x |(0.299, 0.587, 0.114)|.
        var lumaSigma = 8 * Math.Sqrt(0.299 * 0.299 + 0.587 * 0.587 + 0.114 * 0.114);
        Assert.InRange(ImagingQuality.Measure(video).NoiseSigma, 0.93 * lumaSigma, 1.07 * lumaSigma);
        Assert.Equal(0, ImagingQuality.Measure(Flat(32, 32, 120, 120, 120)).NoiseSigma, 9);
    }

    [Fact]
    public void ExposureCountsClippedPixels()
    {
        var video = Flat(10, 10, 0, 0, 0, edit: p =>
        {
            for (var i = 0; i < 30 * 3; i++) p[i] = 255; // 30 of 100 pixels white
        });
        var result = ImagingQuality.Measure(video);
        Assert.Equal(0.7, result.DarkClippedFraction, 9);
        Assert.Equal(0.3, result.BrightClippedFraction, 9);
    }

    [Fact]
    public void SaturationIsZeroForGreyAndOneForPureColour()
    {
        Assert.Equal(0, ImagingQuality.Measure(Flat(8, 8, 90, 90, 90)).MeanSaturation, 9);
        Assert.Equal(1, ImagingQuality.Measure(Flat(8, 8, 200, 0, 0)).MeanSaturation, 9);
        Assert.Equal(0.5, ImagingQuality.Measure(Flat(8, 8, 200, 100, 150)).MeanSaturation, 6);
    }

    private static FrameSequence Flat(int width, int height, float r, float g, float b, int frames = 2, Action<float[]>? edit = null)
    {
        var list = new List<float[]>();
        for (var t = 0; t < frames; t++)
        {
            var frame = new float[width * height * 3];
            for (var j = 0; j < frame.Length; j += 3) (frame[j], frame[j + 1], frame[j + 2]) = (r, g, b);
            edit?.Invoke(frame);
            list.Add(frame);
        }
        return FrameSequence.FromRgb(width, height, 8, list);
    }
}
