using MedVid.Evaluation.Distribution;
using MedVid.Evaluation.Features;
using MedVid.Evaluation.Frames;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

public sealed class MemorisationCheckTests
{
    private static readonly ThumbnailEncoder Encoder = new();

    private static FeatureVector Encode(string id, FrameSequence video) => new(id, Encoder.Encode(video));

    private static FrameSequence Echo(double bpm, int seed) =>
        FrameSequence.FromRgbFrames(new EchoPhantom(bpm, Seed: seed, Width: 64, Height: 64, Frames: 24, Fps: 12).Render().ToList(), 12);

    private static FrameSequence Cells(int count, int seed) =>
        FrameSequence.FromRgbFrames(new MicroscopyPhantom(count, Seed: seed, Width: 64, Height: 64, Frames: 24, Fps: 12).Render().ToList(), 12);

    [Fact]
    public void FlagsAnExactCopyAndANoisyCopyButNotADifferentClip()
    {
        var training = new[]
        {
            Encode("echo-70", Echo(70, 1)), Encode("echo-110", Echo(110, 2)), Encode("cells-5", Cells(5, 3)), Encode("cells-9", Cells(9, 4)),
        };
        var random = new Random(8);
        var noisyCopy = SyntheticVideo.Edited(Cells(9, 4), (_, p) => SyntheticVideo.AddNoise(p, 6, random));
        var generated = new[] { Encode("copy", Cells(5, 3)), Encode("noisy-copy", noisyCopy), Encode("new", Cells(7, 12)) };

        var threshold = MemorisationCheck.ThresholdFromTrainingSpread(training);
        var report = MemorisationCheck.Check(generated, training, threshold, Encoder.Name);

        var byId = report.Matches.ToDictionary(m => m.GeneratedId);
        Assert.Equal(("cells-5", 0.0, true), (byId["copy"].NearestTrainingId, byId["copy"].Distance, byId["copy"].IsNearCopy));
        Assert.Equal(("cells-9", true), (byId["noisy-copy"].NearestTrainingId, byId["noisy-copy"].IsNearCopy));
        Assert.False(byId["new"].IsNearCopy);
        Assert.Equal(2.0 / 3, report.NearCopyShare, 12);
        Assert.Equal("thumbnails-8x16x16-v1", report.EncoderName);
    }

    [Fact]
    public void CalibratedThresholdIsAFractionOfTheMedianNearestTrainingDistance()
    {
        FeatureVector Point(string id, double x) => new(id, [x, 0]);
        // Nearest-other distances: 1, 1, 2, 4 -> median 1.5.
        var training = new[] { Point("a", 0), Point("b", 1), Point("c", 3), Point("d", 7) };
        Assert.Equal(0.375, MemorisationCheck.ThresholdFromTrainingSpread(training, 0.25), 12);
    }

    [Fact]
    public void ReportsTheSecondNearestDistance()
    {
        var training = new[] { new FeatureVector("a", [0.0]), new FeatureVector("b", [10.0]), new FeatureVector("c", [4.0]) };
        var match = MemorisationCheck.Check([new FeatureVector("g", [3.0])], training, 0.5, "test").Matches.Single();
        Assert.Equal(("c", 1.0, 3.0, false), (match.NearestTrainingId, match.Distance, match.SecondDistance, match.IsNearCopy));
    }
}
