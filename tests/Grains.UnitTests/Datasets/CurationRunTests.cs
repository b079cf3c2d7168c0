using MedVid.Grains.Datasets;

namespace MedVid.Grains.UnitTests.Datasets;

/// <summary>The curation-run lifecycle of a dataset as plain state transitions.</summary>
public sealed class CurationRunTests
{
    private static readonly CurateResult TwoClips = new("m.jsonl", "s.json", "c.json", 2, "sha256:ab", 1);

    private static DatasetState WithReadyVideo()
    {
        var dataset = new DatasetState();
        dataset.Create(Guid.NewGuid(), "Echo", null, Guid.NewGuid(), TestClock.Now);
        var video = dataset.AddVideo(Guid.NewGuid(), "a.mp4", 10, "t/d/v/original.mp4", new Dictionary<string, string>(), Guid.NewGuid(), TestClock.Now);
        dataset.CompleteIngest(video.Id, new IngestVideoResult("p", "q", 2, 12, 128, 128, "h264", 24));
        return dataset;
    }

    [Fact]
    public void A_dataset_without_ingested_videos_cannot_be_curated()
    {
        var dataset = new DatasetState();
        dataset.Create(Guid.NewGuid(), "Empty", null, Guid.NewGuid(), TestClock.Now);
        var e = Assert.Throws<IllegalTransitionException>(() => dataset.StartCuration(Guid.NewGuid(), Guid.NewGuid(), "{}", null, TestClock.Now));
        Assert.Equal("Dataset 'Empty' has no ingested videos to curate.", e.Message);
    }

    [Fact]
    public void Only_one_run_may_be_active()
    {
        var dataset = WithReadyVideo();
        dataset.StartCuration(Guid.NewGuid(), Guid.NewGuid(), "{}", null, TestClock.Now);
        Assert.Throws<IllegalTransitionException>(() => dataset.StartCuration(Guid.NewGuid(), Guid.NewGuid(), "{}", null, TestClock.Now));
    }

    [Fact]
    public void Completion_records_a_version_once_and_allows_the_next_run()
    {
        var dataset = WithReadyVideo();
        var id = Guid.NewGuid();
        var run = dataset.StartCuration(id, Guid.NewGuid(), "{}", "first", TestClock.Now);
        Assert.Equal(1, run.SourceCount);
        Assert.True(dataset.CurationProgressed(id, 0.5, "scene-detection"));
        Assert.Equal((RunStatus.Running, 0.5), (run.Status, run.Progress));

        var version = dataset.CompleteCuration(id, TwoClips, TestClock.Now);
        Assert.NotNull(version);
        Assert.Equal((1, 2, "m.jsonl", "first"), (version.Number, version.ClipCount, version.ManifestBlob, version.Notes));
        Assert.Equal((RunStatus.Succeeded, 1, "s.json"), (run.Status, run.Version, run.StatisticsBlob));

        Assert.Null(dataset.CompleteCuration(id, TwoClips, TestClock.Now));  // a redelivered result adds nothing
        Assert.False(dataset.CurationProgressed(id, 0.9, "late"));           // nor does late progress
        Assert.Single(dataset.Versions);
        dataset.StartCuration(Guid.NewGuid(), Guid.NewGuid(), "{}", null, TestClock.Now);
    }

    [Fact]
    public void A_run_that_kept_no_clip_fails_but_keeps_its_statistics()
    {
        var dataset = WithReadyVideo();
        var id = Guid.NewGuid();
        var run = dataset.StartCuration(id, Guid.NewGuid(), "{}", null, TestClock.Now);
        Assert.Null(dataset.CompleteCuration(id, TwoClips with { ClipCount = 0 }, TestClock.Now));
        Assert.Equal((RunStatus.Failed, "s.json"), (run.Status, run.StatisticsBlob));
        Assert.Contains("every clip was dropped", run.Error);
        Assert.Empty(dataset.Versions);
    }

    [Fact]
    public void A_cancelled_run_stays_cancelled()
    {
        var dataset = WithReadyVideo();
        var id = Guid.NewGuid();
        var run = dataset.StartCuration(id, Guid.NewGuid(), "{}", null, TestClock.Now);
        Assert.True(dataset.FailCuration(id, "cancelled by a user", cancelled: true, TestClock.Now));
        Assert.False(dataset.FailCuration(id, "again", cancelled: true, TestClock.Now));
        Assert.Null(dataset.CompleteCuration(id, TwoClips, TestClock.Now));
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Throws<EntityNotFoundException>(() => dataset.RequireCuration(Guid.NewGuid()));
    }
}
