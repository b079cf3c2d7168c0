using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

/// <summary>The evaluation of a generated set against real clips: metrics per video, means side by side, Fréchet distance, memorisation.</summary>
public sealed class VideoSetEvaluationTests
{
    private static FrameSequence Echo(double bpm, int seed) =>
        FrameSequence.FromRgbFrames(new EchoPhantom(bpm, Seed: seed, Width: 48, Height: 48, Frames: 12, Fps: 12).Render().ToList(), 12);

    private static FrameSequence Noise(int seed)
    {
        var random = new Random(seed);
        return SyntheticVideo.Edited(SyntheticVideo.Static(48, 48, 12), (_, p) =>
        {
            for (var i = 0; i < p.Length; i++) p[i] = (float)(random.NextDouble() * 255);
        });
    }

    [Fact]
    public void A_copy_of_a_training_clip_is_flagged_and_noise_is_farther_from_the_real_clips_than_new_echoes_are()
    {
        var training = new[] { new VideoSample("train-60", Echo(60, 1)), new VideoSample("train-90", Echo(90, 2)), new VideoSample("train-120", Echo(120, 3)) };
        var reference = new[] { new VideoSample("test-70", Echo(70, 4)), new VideoSample("test-100", Echo(100, 5)), new VideoSample("test-80", Echo(80, 9)) };
        var echoes = new[] { new VideoSample("copy", Echo(90, 2), "an echo"), new VideoSample("new-75", Echo(75, 6), "an echo"), new VideoSample("new-110", Echo(110, 7), "an echo") };
        var noise = new[] { new VideoSample("noise-1", Noise(1), "an echo"), new VideoSample("noise-2", Noise(2), "an echo") };

        var good = VideoSetEvaluation.Evaluate(echoes, reference, training);
        var bad = VideoSetEvaluation.Evaluate(noise, reference, training);

        Assert.Equal(["copy"], good.Generated.Where(g => g.NearCopy).Select(g => g.Id));
        Assert.Equal(("train-90", 0.0), (good.Generated[0].NearestTrainingId, good.Generated[0].NearestTrainingDistance));
        Assert.Equal(1, good.NearCopies);
        Assert.Equal(0, bad.NearCopies);
        Assert.True(good.FrechetDistance < bad.FrechetDistance, $"Fréchet: echoes {good.FrechetDistance}, noise {bad.FrechetDistance}");
        Assert.Equal("pixel-statistics-v1", good.FrechetEncoder);

        // Means are read beside the real clips': fresh noise in every frame changes far more from frame to frame.
        Assert.True(bad.GeneratedMeans["flicker_mad"] > 3 * good.GeneratedMeans["flicker_mad"],
            $"mean absolute frame difference: noise {bad.GeneratedMeans["flicker_mad"]}, echoes {good.GeneratedMeans["flicker_mad"]}");
        Assert.InRange(good.GeneratedMeans["flicker_mad"], 0.5 * good.ReferenceMeans["flicker_mad"], 2 * good.ReferenceMeans["flicker_mad"]);
        Assert.Equal(3, good.ReferenceCount);
        Assert.Equal(good.ReferenceMeans.Keys.Order(), bad.ReferenceMeans.Keys.Order());
    }

    [Fact]
    public void One_video_on_a_side_gives_no_frechet_distance_and_nothing_to_evaluate_is_refused()
    {
        var training = new[] { new VideoSample("train", Echo(60, 1)) };
        var report = VideoSetEvaluation.Evaluate([new VideoSample("g", Echo(80, 2))], [new VideoSample("r", Echo(70, 3))], training);
        Assert.Null(report.FrechetDistance);
        Assert.Equal(0, report.MemorisationThreshold); // one training clip: only an exact copy would be flagged
        Assert.Throws<ArgumentException>(() => VideoSetEvaluation.Evaluate([], [], training));
    }
}
