using System.Runtime.CompilerServices;
using MedVid.Curation.Manifest;
using MedVid.Curation.Pipeline;
using MedVid.Curation.Rendering;
using MedVid.Phantoms;

namespace MedVid.Curation.Tests;

/// <summary>Bad inputs in one batch with good phantoms: each bad source is recorded as failed with its
/// reason (a dropped decision of the "source" stage, and in <see cref="CurationResult.FailedSources"/>),
/// and the good sources are curated and rendered as usual. Every input is made here with ffmpeg.</summary>
public sealed class BadInputTests() : TempFolderTest("medvid-curation-bad-")
{
    // Small sources: no resolution floor, static-ish phantoms count as one keyframe, small output.
    private static CurationConfig Config() => new()
    {
        Resolution = new ResolutionFilterConfig { MinWidth = 64, MinHeight = 64 },
        Dynamics = new DynamicsFilterConfig { MinKeyframes = 1 },
        BlackBorder = new BlackBorderConfig { Enabled = false },
        Output = new OutputShapeConfig { Width = 64, Height = 64 },
    };

    private async Task<string> PhantomAsync(string name, PhantomSpec spec)
    {
        var path = Path.Combine(Root, name);
        await PhantomRenderer.RenderMp4Async(spec, path);
        return path;
    }

    private static VideoSourceFile Source(string path, string id, string modality = "cell") =>
        new(path, new CurationSource(id, modality, 0, 0) { Title = id });

    private async Task<IReadOnlyDictionary<string, string>> MakeBadInputsAsync()
    {
        var bad = new Dictionary<string, string>();

        // Truncated: a real (faststart) MP4 cut to 60% of its bytes.
        var whole = await PhantomAsync("whole.mp4", new MriPhantom(1.0, Seed: 5));
        var bytes = await File.ReadAllBytesAsync(whole);
        bad["truncated"] = Path.Combine(Root, "truncated.mp4");
        await File.WriteAllBytesAsync(bad["truncated"], bytes[..(int)(bytes.Length * 0.6)]);

        // Zero frames: a YUV4MPEG2 stream header with no frame after it.
        bad["zero-frames"] = Path.Combine(Root, "zero-frames.y4m");
        await File.WriteAllTextAsync(bad["zero-frames"], "YUV4MPEG2 W64 H64 F10:1 Ip A1:1 C420jpeg\n");

        // Audio only: two seconds of a sine tone in an MP4 container.
        bad["audio-only"] = Path.Combine(Root, "audio-only.mp4");
        await FfmpegCli.RunAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", bad["audio-only"]);

        // Not a video: text named .mp4.
        bad["not-video"] = Path.Combine(Root, "not-video.mp4");
        await File.WriteAllTextAsync(bad["not-video"], string.Join('\n', Enumerable.Repeat("Patient 17, this is a report, not a video.", 50)));

        // Unsupported codec: an MPEG-4 AVI whose fourcc (stream header and bitmap header) is rewritten
        // to a tag no ffmpeg decoder claims, so the stream probes with a size but no codec.
        var avi = Path.Combine(Root, "mpeg4.avi");
        await FfmpegCli.RunAsync("-f", "lavfi", "-i", "testsrc=size=64x64:rate=10:duration=2", "-c:v", "mpeg4", avi);
        var aviBytes = await File.ReadAllBytesAsync(avi);
        Assert.Equal(2, ReplaceAll(aviBytes, "FMP4"u8, "QZX9"u8));
        bad["unsupported-codec"] = Path.Combine(Root, "unsupported-codec.avi");
        await File.WriteAllBytesAsync(bad["unsupported-codec"], aviBytes);

        // 10,000 pixels wide (x264 takes up to 16384).
        bad["too-wide"] = Path.Combine(Root, "too-wide.mp4");
        await FfmpegCli.RunAsync("-f", "lavfi", "-i", "color=c=gray:size=10000x16:rate=10:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", bad["too-wide"]);
        return bad;
    }

    private static int ReplaceAll(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        int count = 0;
        for (int i = data.AsSpan().IndexOf(from); i >= 0;)
        {
            to.CopyTo(data.AsSpan(i));
            count++;
            int next = data.AsSpan(i + from.Length).IndexOf(from);
            i = next < 0 ? -1 : i + from.Length + next;
        }
        return count;
    }

    public static readonly TheoryData<string, string> ExpectedReasons = new()
    {
        { "truncated", SourceFailure.Reasons.Truncated },
        { "zero-frames", SourceFailure.Reasons.NoFrames },
        { "audio-only", SourceFailure.Reasons.NoVideoStream },
        { "not-video", SourceFailure.Reasons.NotAVideo },
        { "unsupported-codec", SourceFailure.Reasons.UnsupportedCodec },
        { "too-wide", SourceFailure.Reasons.TooLarge },
    };

    [Fact]
    public async Task Each_bad_input_fails_alone_with_its_reason_and_the_good_sources_are_curated()
    {
        var bad = await MakeBadInputsAsync();
        var good1 = await PhantomAsync("cells.mp4", new MicroscopyPhantom(CellCount: 6, Seed: 1));
        var good2 = await PhantomAsync("endoscopy.mp4", new EndoscopyPhantom(1.0, Polyp: false, Seed: 2));
        // Bad inputs first, between and last: a failure must not stop the sources after it.
        var sources = new List<VideoSourceFile> { Source(bad["truncated"], "truncated"), Source(bad["zero-frames"], "zero-frames"), Source(good1, "good-cells") };
        sources.AddRange(new[] { "audio-only", "not-video", "unsupported-codec" }.Select(id => Source(bad[id], id)));
        sources.Add(Source(good2, "good-endoscopy", "endoscopy"));
        sources.Add(Source(bad["too-wide"], "too-wide"));

        var output = Path.Combine(Root, "version");
        var run = await new VideoCurationRunner(Config(), new PipelineFixture.NoText()).RunAsync(sources, output);

        var failures = run.Result.FailedSources.ToDictionary(f => f.SourceId);
        Assert.Equal(bad.Keys.Order(), failures.Keys.Order());
        foreach (var (id, reason) in ExpectedReasons.Select(row => ((string)row[0], (string)row[1])))
        {
            Assert.Equal(reason, failures[id].Reason);
            Assert.False(string.IsNullOrWhiteSpace(failures[id].Detail));
            var decision = Assert.Single(run.Result.Decisions, d => d.ClipId == id);
            Assert.Equal((StageNames.Source, false, reason), (decision.Stage, decision.Kept, decision.Reason));
        }
        Assert.Contains("10000x16", failures["too-wide"].Detail);
        Assert.Contains("QZX9", failures["unsupported-codec"].Detail);

        // The good phantoms went through every stage and were rendered.
        Assert.Equal(["good-cells", "good-endoscopy"], run.Result.Clips.Select(c => c.Source.Id).Distinct().Order());
        Assert.All(run.Manifest, m => Assert.True(File.Exists(Path.Combine(output, m.ClipBlob))));

        var sourceStage = run.Result.Statistics.Stages.First();
        Assert.Equal(StageNames.Source, sourceStage.Stage);
        Assert.Equal((2, 6), (sourceStage.Kept, sourceStage.Dropped));
        Assert.Equal(ExpectedReasons.Select(row => (string)row[1]).Order(), sourceStage.DropReasons.Keys.Order());
        Assert.Equal(8, run.Result.Statistics.SourceCount);

        // statistics.json carries the failed sources.
        await using var statistics = File.OpenRead(Path.Combine(output, DatasetManifest.StatisticsFileName));
        var read = await DatasetManifest.ReadStatisticsAsync(statistics);
        Assert.Equal(6, read.FailedSources.Count);
        Assert.Equal(SourceFailure.Reasons.TooLarge, read.FailedSources.Single(f => f.SourceId == "too-wide").Reason);
    }

    [Fact]
    public async Task A_batch_where_every_source_fails_gives_no_clips_and_the_reasons()
    {
        var text = Path.Combine(Root, "a.mp4");
        await File.WriteAllTextAsync(text, "not a video");
        var empty = Path.Combine(Root, "b.mp4");
        await File.WriteAllBytesAsync(empty, []);

        var run = await new VideoCurationRunner(Config(), new PipelineFixture.NoText())
            .RunAsync([Source(text, "text"), Source(empty, "empty"), Source(Path.Combine(Root, "missing.mp4"), "missing")], Path.Combine(Root, "version"));

        Assert.Empty(run.Result.Clips);
        Assert.Empty(run.Manifest);
        Assert.Equal(
            [("empty", SourceFailure.Reasons.EmptyFile), ("missing", SourceFailure.Reasons.FileNotFound), ("text", SourceFailure.Reasons.NotAVideo)],
            run.Result.FailedSources.Select(f => (f.SourceId, f.Reason)).Order());
        Assert.True(File.Exists(Path.Combine(run.Folder, DatasetManifest.ManifestFileName)));
    }

    [Fact]
    public async Task The_max_source_size_is_configurable()
    {
        var phantom = await PhantomAsync("cells.mp4", new MicroscopyPhantom(CellCount: 4, Seed: 3, Width: 160, Height: 128));
        var config = Config() with { Analysis = new AnalysisConfig { MaxSourceWidth = 128, MaxSourceHeight = 128 } };

        var run = await new VideoCurationRunner(config, new PipelineFixture.NoText()).RunAsync([Source(phantom, "cells")], Path.Combine(Root, "version"));

        Assert.Equal(SourceFailure.Reasons.TooLarge, Assert.Single(run.Result.FailedSources).Reason);
        Assert.Contains("analysis.maxSourceWidth must be at least 32, was 31.", (Config() with { Analysis = new AnalysisConfig { MaxSourceWidth = 31 } }).Validate());
    }

    [Fact]
    public async Task A_source_that_breaks_while_its_clips_are_rendered_fails_alone()
    {
        var good = await PhantomAsync("cells.mp4", new MicroscopyPhantom(CellCount: 6, Seed: 1));
        var breaking = await PhantomAsync("endoscopy.mp4", new EndoscopyPhantom(1.0, Polyp: false, Seed: 2));
        var output = Path.Combine(Root, "version");
        // Analysis sees a good file; before its clips are rendered it is overwritten with text.
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "render" && p.SourceId == "breaking" && File.ReadAllBytes(breaking).Length > 100)
                File.WriteAllText(breaking, "damaged");
        });

        var run = await new VideoCurationRunner(Config(), new PipelineFixture.NoText())
            .RunAsync([Source(breaking, "breaking", "endoscopy"), Source(good, "good")], output, progress);

        var failure = Assert.Single(run.Result.FailedSources);
        Assert.Equal(("breaking", SourceFailure.Reasons.NotAVideo), (failure.SourceId, failure.Reason));
        Assert.StartsWith("rendering clip 'breaking/", failure.Detail);
        Assert.All(run.Result.Clips, c => Assert.Equal("good", c.Source.Id));
        Assert.NotEmpty(run.Manifest);
        Assert.Equal(run.Manifest.Count, Directory.GetFiles(Path.Combine(output, VideoCurationRunner.ClipsFolder)).Length);
        Assert.DoesNotContain(run.Result.Decisions, d => d.ClipId.StartsWith("breaking/", StringComparison.Ordinal));
        var sourceStage = run.Result.Statistics.Stages.Single(s => s.Stage == StageNames.Source);
        Assert.Equal((1, 1), (sourceStage.Kept, sourceStage.Dropped));
    }

    [Fact]
    public async Task A_loader_failing_mid_source_or_giving_no_frames_fails_that_source_only()
    {
        var sources = PipelineFixture.Sources(3);
        var loader = new FaultyLoader(sources, failing: sources[0].Source.Id, empty: sources[2].Source.Id);

        var result = await new CurationPipeline(PipelineFixture.Config(), new PipelineFixture.NoText())
            .RunAsync(sources.Select(s => s.Source).ToList(), loader);

        Assert.Equal(
            [(sources[0].Source.Id, SourceFailure.Reasons.DecodeFailed), (sources[2].Source.Id, SourceFailure.Reasons.NoFrames)],
            result.FailedSources.Select(f => (f.SourceId, f.Reason)));
        Assert.All(result.Clips, c => Assert.Equal(sources[1].Source.Id, c.Source.Id));
        Assert.Equal(3, result.Clips.Count);
        // Nothing the failed source's first window decided survives.
        Assert.DoesNotContain(result.Decisions, d => d.ClipId.StartsWith(sources[0].Source.Id, StringComparison.Ordinal) && d.Stage != StageNames.Source);
    }

    private sealed class FaultyLoader(IReadOnlyList<SourceFrames> sources, string failing, string empty) : ISourceFrameLoader
    {
        public async IAsyncEnumerable<SourceFrames> LoadAsync(CurationSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var frames = sources.Single(s => s.Source.Id == source.Id);
            if (source.Id == empty)
            {
                yield return frames with { Frames = [] };
                yield break;
            }
            yield return frames with { Frames = frames.Frames.Take(30).ToList() };
            if (source.Id == failing) throw new FfmpegException("ffmpeg", 1, "Invalid data found when processing input");
            yield return frames with { Frames = frames.Frames.Skip(30).ToList(), FrameOffset = 30 };
        }
    }

    private sealed class SyncProgress(Action<CurationProgress> report) : IProgress<CurationProgress>
    {
        public void Report(CurationProgress value) => report(value);
    }
}
