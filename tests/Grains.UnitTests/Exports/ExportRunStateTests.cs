using MedVid.Grains.Exports;

namespace MedVid.Grains.UnitTests.Exports;

public sealed class ExportRunStateTests
{
    private static readonly CheckpointRecord Checkpoint = new(600, "teams/x/runs/y/checkpoints/600", "abc123", [], TestClock.Now);

    private static ExportRunState Created(int videosPerLabel = 100)
    {
        var run = new ExportRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ExportSpecificationTests.Valid with { VideosPerLabel = videosPerLabel },
            ExportTrigger.Manual, Checkpoint, new Random(3), TestClock.Now);
        return run;
    }

    private static void StartAll(ExportRunState run)
    {
        foreach (var (_, chunk) in run.ChunksToStart(int.MaxValue)) run.ChunkStarted(chunk, Guid.NewGuid());
    }

    [Fact]
    public void Labels_are_split_into_chunks_of_at_most_64_videos_with_one_seed_each()
    {
        var run = Created(videosPerLabel: 130);
        Assert.Equal(2, run.Labels.Count);
        Assert.All(run.Labels, l => Assert.Equal([(0, 64), (64, 64), (128, 2)], l.Chunks.Select(c => (c.FirstVideo, c.Count))));
        Assert.All(run.Labels, l => Assert.Equal(130, l.Seeds.Count));
        Assert.Equal((600L, "abc123"), (run.CheckpointStep, run.CheckpointSha256));
    }

    [Fact]
    public void At_most_the_given_number_of_jobs_run_at_once()
    {
        var run = Created(videosPerLabel: 200); // 4 chunks per label, 8 in all
        var first = run.ChunksToStart(3);
        Assert.Equal(3, first.Count);
        foreach (var (_, chunk) in first) run.ChunkStarted(chunk, Guid.NewGuid());
        Assert.Empty(run.ChunksToStart(3));
        run.ChunkFinished(first[0].Chunk, ExportLabelStatus.Succeeded, null);
        Assert.Single(run.ChunksToStart(3));
    }

    [Fact]
    public void A_run_packages_once_every_chunk_succeeded_and_keeps_its_zip_for_the_retention_period()
    {
        var run = Created();
        StartAll(run);
        foreach (var chunk in run.Labels.SelectMany(l => l.Chunks))
        {
            Assert.False(run.GenerationSettled(TestClock.Now));
            run.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null);
        }
        Assert.True(run.GenerationSettled(TestClock.Now));
        Assert.Equal((ExportRunStatus.Packaging, 1), (run.Status, run.PackagingAttempt));

        run.Packaged("teams/x/exports/r/export.zip", 1234, "ff", 200, null, TestClock.Now.AddHours(1));
        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.True(run.NeedsWaking);
        Assert.Null(run.ExpireResult(TestClock.Now.AddDays(30)));
        Assert.Equal("teams/x/exports/r/export.zip", run.ExpireResult(TestClock.Now.AddDays(30).AddHours(1)));
        Assert.Equal(TestClock.Now.AddDays(30).AddHours(1), run.Package!.DeletedAt);
        Assert.Null(run.ExpireResult(TestClock.Now.AddDays(31)));
        Assert.False(run.NeedsWaking);
    }

    [Fact]
    public void A_filtered_run_waits_for_every_verdict_then_packages_and_a_closed_campaign_leaves_the_undecided_out()
    {
        var run = new ExportRunState();
        var filter = new AcceptanceFilter("ophora-seven-criteria", 2.0, [Guid.NewGuid()]);
        run.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ExportSpecificationTests.Valid with { VideosPerLabel = 2, Filter = filter },
            ExportTrigger.Manual, Checkpoint, new Random(3), TestClock.Now);
        StartAll(run);
        foreach (var chunk in run.Labels.SelectMany(l => l.Chunks)) run.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null);
        Assert.True(run.GenerationSettled(TestClock.Now));
        Assert.Equal((ExportRunStatus.Rating, 0), (run.Status, run.PackagingAttempt));

        var campaign = Guid.NewGuid();
        run.RatingStarted(campaign, ["v0", "v1", "v2", "v3"]);
        Assert.False(run.RatingProgressed([(true, "accepted: mean 3.00 >= 2.00"), (false, "rejected"), (null, "pending"), (null, "pending")], campaignClosed: false));
        Assert.Equal((ExportRunStatus.Rating, 2, 1), (run.Status, run.Rating!.Decided, run.Rating.Accepted));
        Assert.Throws<IllegalTransitionException>(() => run.RatingProgressed([(true, "a")], campaignClosed: false));

        Assert.True(run.RatingProgressed([(true, "accepted: mean 3.00 >= 2.00"), (false, "rejected"), (true, "accepted"), (null, "pending")], campaignClosed: true));
        Assert.Equal((ExportRunStatus.Packaging, 1), (run.Status, run.PackagingAttempt));
        Assert.Equal([true, false, true, false], run.Rating.Videos.Select(v => v.Accepted));
        Assert.Equal("left out: not decided when the campaign closed", run.Rating.Videos[3].Outcome);

        run.PackagingFailed("disk full", TestClock.Now);
        run.Retry();
        Assert.True(run.GenerationSettled(TestClock.Now));
        Assert.Equal(ExportRunStatus.Packaging, run.Status); // the verdicts are kept: no second campaign
    }

    [Fact]
    public void A_run_without_a_zip_records_its_dataset_version_and_has_nothing_to_expire()
    {
        var run = Created();
        StartAll(run);
        foreach (var chunk in run.Labels.SelectMany(l => l.Chunks)) run.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null);
        Assert.True(run.GenerationSettled(TestClock.Now));
        var version = new SyntheticDatasetVersion(Guid.NewGuid(), 2, 230, 200);

        run.Packaged(null, 0, null, 200, version, TestClock.Now.AddHours(1));

        Assert.Equal((ExportRunStatus.Succeeded, version, false), (run.Status, run.Package!.DatasetVersion, run.Package.HasZip));
        Assert.Null(run.ExpireResult(TestClock.Now.AddDays(400)));
        Assert.False(run.NeedsWaking);
    }

    [Fact]
    public void A_failed_label_fails_the_run_and_a_retry_regenerates_only_its_failed_chunks()
    {
        var run = Created(videosPerLabel: 100); // chunks 64 + 36 per label
        StartAll(run);
        var polyp = run.Labels[0];
        var succeededJobs = run.Labels.SelectMany(l => l.Chunks).Where(c => c != polyp.Chunks[1]).Select(c => c.GenerationJobId).ToList();
        foreach (var chunk in run.Labels.SelectMany(l => l.Chunks))
            run.ChunkFinished(chunk, chunk == polyp.Chunks[1] ? ExportLabelStatus.Failed : ExportLabelStatus.Succeeded, chunk == polyp.Chunks[1] ? "host lost" : null);
        Assert.True(run.GenerationSettled(TestClock.Now));
        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal("Generation failed for 1 of 2 label(s): polyp: host lost. Retry regenerates only these labels' failed jobs.", run.Error);
        Assert.Equal([ExportLabelStatus.Failed, ExportLabelStatus.Succeeded], run.Labels.Select(l => l.Status));

        run.Retry();
        var again = run.ChunksToStart(int.MaxValue);
        Assert.Equal([(polyp, polyp.Chunks[1])], again);
        Assert.Equal(1, polyp.Chunks[1].Attempt);
        Assert.Equal(succeededJobs, run.Labels.SelectMany(l => l.Chunks).Where(c => c != polyp.Chunks[1]).Select(c => c.GenerationJobId));
    }

    [Fact]
    public void Failed_packaging_is_retried_without_generating_again()
    {
        var run = Created();
        StartAll(run);
        foreach (var chunk in run.Labels.SelectMany(l => l.Chunks)) run.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null);
        run.GenerationSettled(TestClock.Now);
        run.PackagingFailed("blob store unreachable", TestClock.Now);
        Assert.Equal("Packaging failed: blob store unreachable. Retry packages again without regenerating any video.", run.Error);
        run.Retry();
        Assert.Empty(run.ChunksToStart(int.MaxValue));
        Assert.True(run.GenerationSettled(TestClock.Now));
        Assert.Equal((ExportRunStatus.Packaging, 2), (run.Status, run.PackagingAttempt));
    }

    [Fact]
    public void Cancel_works_at_any_point_before_the_end_and_returns_the_running_jobs()
    {
        var run = Created();
        var started = run.ChunksToStart(2);
        foreach (var (_, chunk) in started) run.ChunkStarted(chunk, Guid.NewGuid());
        Assert.Equal(started.Select(s => s.Chunk.GenerationJobId!.Value), run.Cancel(TestClock.Now));
        Assert.Equal(ExportRunStatus.Cancelled, run.Status);
        Assert.All(run.Labels, l => Assert.Equal(ExportLabelStatus.Cancelled, l.Status));
        // A late report of a cancelled job changes nothing, and a finished run cannot be cancelled again.
        Assert.False(run.ChunkFinished(started[0].Chunk, ExportLabelStatus.Succeeded, null));
        Assert.Equal("The export run already cancelled; only a running run can be cancelled.", Assert.Throws<IllegalTransitionException>(() => run.Cancel(TestClock.Now)).Message);

        var packaging = Created();
        StartAll(packaging);
        foreach (var chunk in packaging.Labels.SelectMany(l => l.Chunks)) packaging.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null);
        packaging.GenerationSettled(TestClock.Now);
        Assert.Empty(packaging.Cancel(TestClock.Now));
        Assert.Throws<IllegalTransitionException>(() => packaging.Packaged("z", 1, "h", 1, null, TestClock.Now));
    }

    [Fact]
    public void A_repeated_job_report_is_ignored()
    {
        var run = Created();
        StartAll(run);
        var chunk = run.Labels[0].Chunks[0];
        Assert.True(run.ChunkFinished(chunk, ExportLabelStatus.Succeeded, null));
        Assert.False(run.ChunkFinished(chunk, ExportLabelStatus.Failed, "late duplicate"));
        Assert.Equal(ExportLabelStatus.Succeeded, chunk.Status);
    }
}
