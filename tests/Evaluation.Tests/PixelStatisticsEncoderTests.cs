using MedVid.Evaluation.Distribution;
using MedVid.Evaluation.Features;
using MedVid.Evaluation.Frames;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

public sealed class PixelStatisticsEncoderTests
{
    private static readonly PixelStatisticsEncoder Encoder = new();

    [Fact]
    public void EncodesToItsDeclaredDimension()
    {
        Assert.Equal(Encoder.Dimension, Encoder.Encode(SyntheticVideo.Translating(1, 1)).Length);
        Assert.Equal(Encoder.Dimension, Encoder.Encode(FrameSequence.FromRgb(4, 4, 8, [new float[48]])).Length);
    }

    [Fact]
    public void PhantomsOfOneModalityAreCloserToEachOtherThanToNoisyOnes()
    {
        List<double[]> Echoes(int firstSeed, double noise)
        {
            var random = new Random(firstSeed);
            return Enumerable.Range(firstSeed, 12).Select(seed =>
            {
                var spec = new EchoPhantom(50 + 7 * (seed % 10), Seed: seed, Width: 48, Height: 48, Frames: 12, Fps: 12);
                var video = FrameSequence.FromRgbFrames(spec.Render().ToList(), spec.Fps);
                if (noise > 0) video = SyntheticVideo.Edited(video, (_, p) => SyntheticVideo.AddNoise(p, noise, random));
                return Encoder.Encode(video);
            }).ToList();
        }
        var (real, heldOut, noisy) = (Echoes(0, 0), Echoes(100, 0), Echoes(200, 20));
        var realVsHeldOut = FrechetDistance.Compute(real, heldOut, Encoder.Name).Squared;
        var realVsNoisy = FrechetDistance.Compute(real, noisy, Encoder.Name).Squared;
        Assert.True(realVsNoisy > 5 * realVsHeldOut, $"{realVsNoisy} vs {realVsHeldOut}");
    }
}
