using MedVid.Curation.Stages;
using MedVid.Phantoms;

namespace MedVid.Curation.Tests;

/// <summary>Known answers on synthetic phantoms (src/Phantoms) that went through H.264 and ffmpeg: each
/// stage is shown the plain phantom (kept) and the phantom with one known defect added by ffmpeg or by
/// construction (dropped, or the cut found at the known frame).</summary>
public sealed class PhantomKnownAnswerTests() : TempFolderTest("medvid-curation-phantom-")
{
    private async Task<string> RenderAsync(string name, PhantomSpec spec)
    {
        var path = Path.Combine(Root, name);
        await PhantomRenderer.RenderMp4Async(spec, path);
        return path;
    }

    /// <summary>Applies an ffmpeg video filter to <paramref name="input"/>.</summary>
    private async Task<string> FilterAsync(string input, string name, string filter)
    {
        var path = Path.Combine(Root, name);
        await FfmpegCli.RunAsync("-i", input, "-vf", filter, "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", path);
        return path;
    }

    private static async Task<CandidateClip> ClipAsync(string path)
    {
        var frames = await VideoDecoder.DecodeAllAsync(path, new DecodeOptions());
        return CandidateClip.FromFrames("phantom/0", new CurationSource("phantom", "cell", frames[0].Width, frames[0].Height), 12, frames);
    }

    [Fact]
    public async Task A_black_border_added_to_a_phantom_is_measured_and_drops_the_clip()
    {
        var plain = await RenderAsync("cells.mp4", new MicroscopyPhantom(CellCount: 6, Seed: 11, Width: 160, Height: 128));
        // Letterbox: 16 black rows above and below (160x160).
        var boxed = await FilterAsync(plain, "boxed.mp4", "pad=160:160:0:16:black");
        var filter = new BlackBorderFilter(new BlackBorderConfig());

        var kept = await filter.EvaluateAsync(await ClipAsync(plain));
        var boxedClip = await ClipAsync(boxed);
        var dropped = await filter.EvaluateAsync(boxedClip);

        Assert.True(kept.Kept, kept.Reason);
        Assert.False(dropped.Kept);
        Assert.Equal("persistent black border on top, bottom", dropped.Reason);
        var (_, y, _, h) = filter.Measure(boxedClip).CropRectangle(160, 160);
        Assert.InRange(y, 14, 18);
        Assert.InRange(h, 124, 132);
    }

    [Fact]
    public async Task Burned_in_subtitles_drawn_with_drawtext_on_a_phantom_drop_the_clip()
    {
        if (!File.Exists(TextFrames.FontFile)) throw new InvalidOperationException($"{TextFrames.FontFile} is missing; run infra/install/curation-deps.sh.");
        var plain = await RenderAsync("endoscopy.mp4", new EndoscopyPhantom(0.8, Polyp: false, Seed: 12, Width: 480, Height: 320, Frames: 24));
        string[] lines = ["The surgeon advances the scope slowly", "toward the distal colon now"];
        var subtitles = string.Join(",", lines.Select((line, i) =>
            $"drawtext=fontfile={TextFrames.FontFile}:text='{line}':fontsize=22:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=4:x=(w-text_w)/2:y=h-{78 - 34 * i}"));
        var subtitled = await FilterAsync(plain, "subtitled.mp4", subtitles);
        var filter = new TextOverlayFilter(new TextOverlayConfig());

        var kept = await filter.EvaluateAsync(await ClipAsync(plain));
        var dropped = await filter.EvaluateAsync(await ClipAsync(subtitled));

        Assert.True(kept.Kept, kept.Reason);
        Assert.False(dropped.Kept, $"words read: {dropped.Metrics["text.words"]}");
        Assert.Equal("more than 20 words of overlaid text", dropped.Reason);
    }

    [Fact]
    public async Task A_hard_cut_between_two_phantoms_is_found_at_the_known_frame()
    {
        const int cutFrame = 30;
        var first = new EndoscopyPhantom(0.8, Polyp: false, Seed: 13, Frames: cutFrame);
        var second = new MicroscopyPhantom(CellCount: 5, Seed: 14, Frames: 30);
        var path = Path.Combine(Root, "cut.mp4");
        await VideoEncoder.EncodeAsync(first.Render().Concat(second.Render()), 12, path);
        var frames = await VideoDecoder.DecodeAllAsync(path, new DecodeOptions());

        var scores = ContentScores.Compute(frames);
        Assert.Equal([cutFrame], new ContentSceneDetector(new SceneDetectionConfig()).DetectCuts(scores));
        Assert.Equal([cutFrame], new AdaptiveSceneDetector(new SceneDetectionConfig { Detector = SceneDetectorKind.Adaptive }).DetectCuts(scores));

        var segmentation = new SceneSegmenter(new SceneDetectionConfig(), new ClipSplitConfig { MinSeconds = 2, MaxSeconds = 10 })
            .Segment(new SourceFrames(new CurationSource("cut", "endoscopy", 128, 128), 12, frames));
        Assert.Equal([(0, cutFrame), (cutFrame, 60)], segmentation.Clips.Select(c => (c.StartFrame, c.EndFrame)));
    }

    public static TheoryData<string> MovingPhantoms => ["endoscopy", "echo", "mri", "cells"];

    [Theory]
    [MemberData(nameof(MovingPhantoms))]
    public async Task A_moving_phantom_clip_has_keyframes_inside_and_passes_the_default_dynamics_filter(string kind)
    {
        PhantomSpec spec = kind switch
        {
            "endoscopy" => new EndoscopyPhantom(SpeedPerSecond: 1.4, Polyp: false, Seed: 21, Frames: 96),
            "echo" => new EchoPhantom(HeartRateBpm: 72, Seed: 22, Frames: 96),
            "mri" => new MriPhantom(ArticulatorHz: 1.2, Seed: 23, Frames: 96),
            _ => new MicroscopyPhantom(CellCount: 6, Divisions: 1, Seed: 24, Frames: 96),
        };
        var clip = await ClipAsync(await RenderAsync($"moving-{kind}.mp4", spec));

        var scenes = new ContentSceneDetector(new SceneDetectionConfig().Threshold, new SceneDetectionConfig().MinSceneLengthFrames).DetectCuts(clip.ContentScores);
        var dynamics = await new DynamicsFilter(new DynamicsFilterConfig()).EvaluateAsync(clip);

        Assert.Empty(scenes); // one scene: the clip would not be cut
        Assert.True(dynamics.Kept, $"{kind}: {dynamics.Reason}, max drift {dynamics.Metrics["dynamics.maxDrift"]}");
    }

    [Fact]
    public async Task A_static_phantom_clip_has_one_keyframe_and_is_dropped_as_nearly_static()
    {
        var still = new MriPhantom(1.0, Seed: 15).Render().First();
        var path = Path.Combine(Root, "static.mp4");
        await VideoEncoder.EncodeAsync(Enumerable.Repeat(still, 48), 12, path);
        var clip = await ClipAsync(path);

        var dynamics = await new DynamicsFilter(new DynamicsFilterConfig()).EvaluateAsync(clip);
        var consistency = await new TemporalConsistencyFilter(new TemporalConsistencyConfig()).EvaluateAsync(clip);

        Assert.False(dynamics.Kept);
        Assert.Equal(1, dynamics.Metrics["dynamics.keyframes"]);
        Assert.Equal("fewer than 2 keyframes (nearly static)", dynamics.Reason);
        Assert.True(consistency.Kept, consistency.Reason);
        Assert.True(consistency.Metrics["temporal.minSimilarity"] > 0.99);
    }

    [Fact]
    public async Task A_blurred_phantom_is_dropped_by_technical_quality()
    {
        var plain = await RenderAsync("mri.mp4", new MriPhantom(1.0, Seed: 16, Width: 256, Height: 256, Frames: 24));
        var blurred = await FilterAsync(plain, "blurred.mp4", "gblur=sigma=6");
        var filter = new TechnicalQualityFilter(new TechnicalQualityConfig());

        var kept = await filter.EvaluateAsync(await ClipAsync(plain));
        var dropped = await filter.EvaluateAsync(await ClipAsync(blurred));

        Assert.True(kept.Kept, kept.Reason);
        Assert.False(dropped.Kept);
        Assert.Contains("blurred", dropped.Reason);
        Assert.True(dropped.Metrics["quality.sharpness"] < kept.Metrics["quality.sharpness"] / 5);
    }
}
