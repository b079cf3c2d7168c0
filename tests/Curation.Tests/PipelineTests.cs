using MedVid.Curation.Pipeline;

namespace MedVid.Curation.Tests;

public sealed class PipelineTests
{
    [Fact]
    public async Task Clips_of_one_source_never_straddle_the_split()
    {
        var result = await PipelineFixture.RunAsync(PipelineFixture.Config(), sources: 20);

        Assert.NotEmpty(result.Clips);
        Assert.All(result.Clips.GroupBy(c => c.Source.Id), g => Assert.Single(g.Select(c => c.Split).Distinct()));
        Assert.Contains(result.Clips, c => c.Split == DatasetSplit.Test);
        Assert.Contains(result.Clips, c => c.Split == DatasetSplit.Train);
    }

    [Fact]
    public async Task Statistics_counts_match_the_decisions()
    {
        var result = await PipelineFixture.RunAsync(PipelineFixture.Config(), sources: 6);
        var stats = result.Statistics;

        foreach (var stage in stats.Stages)
        {
            var decisions = result.Decisions.Where(d => d.Stage == stage.Stage).ToList();
            Assert.Equal(decisions.Count(d => d.Kept), stage.Kept);
            Assert.Equal(decisions.Count(d => !d.Kept), stage.Dropped);
            Assert.Equal(stage.Dropped, stage.DropReasons.Values.Sum());
        }
        // 6 sources x 3 scenes; sources 0 and 3 have a black middle scene, dropped by the border scan.
        var border = stats.Stages.Single(s => s.Stage == StageNames.BlackBorder);
        Assert.Equal(2, border.Dropped);
        Assert.Equal(16, stats.ClipCount);
        Assert.Equal(stats.ClipCount, stats.ClipLengthSeconds.Total);
        Assert.Equal(stats.ClipCount, stats.CaptionLengthWords.Total);
        Assert.Equal(16, stats.ClipLengthSeconds.Bins.Single(b => b.Start == 3).Count);
        Assert.Equal(stats.ClipCount, stats.TrainClips + stats.TestClips);
        Assert.Equal(stats.ClipCount, result.Decisions.Count(d => d.Stage == StageNames.Split));
    }

    [Fact]
    public async Task Kept_clips_carry_metrics_captions_and_a_frame_plan()
    {
        var config = PipelineFixture.Config() with { Output = new OutputShapeConfig { FrameCount = 49 } };
        var result = await PipelineFixture.RunAsync(config, sources: 2);
        var clip = result.Clips[0];

        Assert.Equal("This is a endoscopy video.", clip.Captions[0]);
        Assert.Equal("A endoscopy video: Recording 0. Synthetic test source.", clip.Captions[1]);
        Assert.Equal(49, clip.Plan.OutputFrameCount);
        Assert.Equal(30, clip.Plan.FrameIndices.Count);
        Assert.Equal(19, clip.Plan.PaddingFrames);
        foreach (var key in new[] { "resolution.width", "dynamics.keyframes", "temporal.minSimilarity", "border.top", "quality.sharpness", "text.words", "sampling.interval", "caption.words" })
            Assert.Contains(key, clip.Metrics.Keys);

        var manifest = result.ToManifest(c => $"clips/{c.Id}.mp4");
        Assert.Equal(result.Clips.Count, manifest.Count);
        Assert.Equal(3.0, manifest[0].EndSeconds - manifest[0].StartSeconds, 3);
    }

    [Fact]
    public async Task Disabled_filters_do_not_run_and_order_is_honoured()
    {
        var config = PipelineFixture.Config() with
        {
            FilterOrder = [StageNames.TextOverlay, StageNames.Resolution],
            BlackBorder = new BlackBorderConfig { Enabled = false },
        };
        var pipeline = new CurationPipeline(config, new PipelineFixture.NoText());
        Assert.Equal([StageNames.TextOverlay, StageNames.Resolution], pipeline.FilterStages);

        var result = await pipeline.RunAsync(PipelineFixture.Sources(1));
        Assert.DoesNotContain(result.Decisions, d => d.Stage == StageNames.BlackBorder);
    }

    [Fact]
    public async Task Progress_rises_to_one_and_names_stages()
    {
        var reports = new List<CurationProgress>();
        await PipelineFixture.RunAsync(PipelineFixture.Config(), sources: 3, new SynchronousProgress(reports.Add));

        Assert.Equal(1.0, reports[^1].Fraction);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, $"{reports[i - 1]} then {reports[i]}");
        Assert.Contains(reports, r => r.Stage == StageNames.SceneDetection);
        Assert.Contains(reports, r => r.Stage == StageNames.TextOverlay);
        Assert.Contains(reports, r => r.Stage == StageNames.Captioning);
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PipelineFixture.RunAsync(PipelineFixture.Config(), 2, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Balancing_caps_modalities_before_the_split()
    {
        var config = PipelineFixture.Config() with { Balance = new ModalityBalanceConfig { Enabled = true } };
        // Endoscopy sources 0, 3, 6 each lose their black scene -> 6 clips; ultrasound 1, 4, 7 -> 9 clips,
        // capped to 6; cell 2, 5 -> 6 clips.
        var result = await PipelineFixture.RunAsync(config, sources: 8);

        var perModality = result.Statistics.ClipsPerModality;
        Assert.Equal(perModality.Values.Min(), perModality.Values.Max());
        Assert.Contains(result.Decisions, d => d.Stage == StageNames.ModalityBalance && !d.Kept);
    }

    [Fact]
    public async Task A_source_in_windows_keeps_source_times_and_ids()
    {
        var whole = PipelineFixture.Sources(2)[1];
        var loader = new WindowedLoader(whole, windowFrames: 40);
        var pipeline = new CurationPipeline(PipelineFixture.Config(), new PipelineFixture.NoText());

        var result = await pipeline.RunAsync([whole.Source], loader);

        // Windows [0,40) [40,80) [80,90): the window edges split scenes 2 and 3, and the 10-frame
        // tail (1 s) is shorter than the 2 s minimum.
        Assert.Equal(["video-001/000000-000030", "video-001/000030-000040", "video-001/000040-000060", "video-001/000060-000080", "video-001/000080-000090"],
            result.Decisions.Where(d => d.Stage == StageNames.ClipSplit).Select(d => d.ClipId));
        Assert.Equal([0.0, 4.0, 6.0], result.Clips.Select(c => c.StartSeconds));
        Assert.Equal(1, result.Statistics.SourceCount);
    }

    [Fact]
    public async Task Duplicate_source_ids_are_refused()
    {
        var sources = PipelineFixture.Sources(1);
        sources.Add(sources[0] with { Source = sources[0].Source with { Title = "another recording, same id" } });
        var pipeline = new CurationPipeline(PipelineFixture.Config(), new PipelineFixture.NoText());
        var error = await Assert.ThrowsAsync<ArgumentException>(() => pipeline.RunAsync(sources));
        Assert.Contains("video-000", error.Message);
    }

    private sealed class WindowedLoader(SourceFrames whole, int windowFrames) : ISourceFrameLoader
    {
        public async IAsyncEnumerable<SourceFrames> LoadAsync(CurationSource source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (int offset = 0; offset < whole.Frames.Count; offset += windowFrames)
            {
                await Task.Yield();
                var frames = whole.Frames.Skip(offset).Take(windowFrames).ToList();
                yield return new SourceFrames(source, whole.Fps, frames) { FrameOffset = offset, SourceFrameCount = whole.Frames.Count };
            }
        }
    }

    private sealed class SynchronousProgress(Action<CurationProgress> report) : IProgress<CurationProgress>
    {
        public void Report(CurationProgress value) => report(value);
    }
}
