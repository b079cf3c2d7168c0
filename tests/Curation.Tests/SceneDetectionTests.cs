using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class SceneDetectionTests
{
    private static readonly SceneDetectionConfig Defaults = new();

    [Fact]
    public void Content_detector_finds_each_hard_cut()
    {
        var frames = SyntheticFrames.HardCuts(scenes: 4, sceneLength: 30);
        var scores = ContentScores.Compute(frames);

        var cuts = new ContentSceneDetector(Defaults).DetectCuts(scores);

        Assert.Equal([30, 60, 90], cuts);
        Assert.All(cuts, c => Assert.True(scores[c] >= 27, $"cut score {scores[c]}"));
    }

    [Fact]
    public void Content_detector_finds_no_cut_in_a_smooth_pan()
    {
        var frames = Enumerable.Range(0, 90).Select(i => SyntheticFrames.Texture(64, 48, 0.1, offsetX: i)).ToList();
        var scores = ContentScores.Compute(frames);

        Assert.Empty(new ContentSceneDetector(Defaults).DetectCuts(scores));
        Assert.True(scores.Max() < 27, $"max pan score {scores.Max()}");
    }

    [Fact]
    public void Content_detector_respects_minimum_scene_length()
    {
        // Scenes of 10 frames: each cut is closer than 15 frames to the previous one.
        var frames = SyntheticFrames.HardCuts(scenes: 6, sceneLength: 10);
        var scores = ContentScores.Compute(frames);

        var cuts = new ContentSceneDetector(Defaults).DetectCuts(scores);

        Assert.Equal([20, 40], cuts);
        var bounds = new[] { 0 }.Concat(cuts).Concat([frames.Count]).ToArray();
        for (int i = 1; i < bounds.Length - 1; i++) Assert.True(bounds[i] - bounds[i - 1] >= 15);
        Assert.Equal([10, 20, 30, 40, 50], new ContentSceneDetector(Defaults with { MinSceneLengthFrames = 1 }).DetectCuts(scores));
    }

    [Fact]
    public void Adaptive_detector_ignores_a_fast_camera_move_that_fools_the_content_detector()
    {
        var world = SyntheticFrames.Noise(400, 200, seed: 7);
        var frames = Enumerable.Range(0, 80).Select(i => SyntheticFrames.NoiseWindow(world, 64, 48, dx: i * 4, dy: 0)).ToList();
        var scores = ContentScores.Compute(frames);

        Assert.NotEmpty(new ContentSceneDetector(Defaults).DetectCuts(scores));
        Assert.Empty(new AdaptiveSceneDetector(Defaults).DetectCuts(scores));
    }

    [Fact]
    public void Adaptive_detector_still_finds_hard_cuts()
    {
        var frames = SyntheticFrames.HardCuts(scenes: 3, sceneLength: 30);
        var cuts = new AdaptiveSceneDetector(Defaults).DetectCuts(ContentScores.Compute(frames));
        Assert.Equal([30, 60], cuts);
    }

    [Fact]
    public void Segmenter_splits_long_scenes_and_drops_short_ones_with_reasons()
    {
        // At 10 fps: a 25-frame scene (2.5 s), a 5-frame scene (0.5 s), then a 250-frame scene (25 s).
        var frames = new List<RgbFrame>();
        frames.AddRange(Enumerable.Repeat(SyntheticFrames.Texture(64, 48, 0.0), 25));
        frames.AddRange(Enumerable.Repeat(SyntheticFrames.Texture(64, 48, 0.5, offsetX: 50), 5));
        frames.AddRange(Enumerable.Repeat(SyntheticFrames.Texture(64, 48, 0.25, offsetX: 90), 250));
        var source = new Clips.SourceFrames(new Clips.CurationSource("s1", "endoscopy", 1280, 720), 10, frames);
        var segmenter = new SceneSegmenter(new SceneDetectionConfig { MinSceneLengthFrames = 3 }, new ClipSplitConfig { MinSeconds = 2, MaxSeconds = 10 });

        var result = segmenter.Segment(source);

        Assert.Equal([25, 30], result.Cuts);
        Assert.Equal([(0, 25), (30, 130), (130, 230), (230, 280)], result.Clips.Select(c => (c.StartFrame, c.EndFrame)));
        var dropped = Assert.Single(result.Decisions, d => !d.Kept);
        Assert.Equal(StageNames.ClipSplit, dropped.Stage);
        Assert.Equal("shorter than 2 s", dropped.Reason);
        Assert.All(result.Clips, c => Assert.Equal(c.EndFrame - c.StartFrame, c.ContentScores.Count));
    }
}
