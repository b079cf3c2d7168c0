using MedVid.Grains.Datasets;

namespace MedVid.Grains.UnitTests.Datasets;

public sealed class DatasetStateTests
{
    private static readonly Guid Team = Guid.NewGuid();

    private static readonly IngestVideoResult Ingested = new("d/v/proxy.mp4", "d/v/poster.jpg", 12.5, 25, 640, 480, "h264", 312);

    private static DatasetState Created()
    {
        var dataset = new DatasetState();
        dataset.Create(Team, " Echo ", "apical views", Guid.NewGuid(), TestClock.Now);
        return dataset;
    }

    private static SourceVideo AddVideo(DatasetState dataset, Guid? id = null) =>
        dataset.AddVideo(id ?? Guid.NewGuid(), "a.mp4", 1000, "datasets/x/videos/v/original.mp4", new Dictionary<string, string>(), Guid.NewGuid(), TestClock.Now);

    [Fact]
    public void Create_sets_the_dataset_up()
    {
        var d = Created();
        Assert.Equal((true, Team, "Echo", "apical views"), (d.Created, d.TeamId, d.Name, d.Description));
        Assert.Equal([new GrainIndexEntry("team", Team.ToString())], d.IndexEntries());
        Assert.Empty(new DatasetState().IndexEntries());
    }

    [Fact]
    public void Create_twice_is_an_illegal_transition()
    {
        var e = Assert.Throws<IllegalTransitionException>(() => Created().Create(Team, "Other", null, Guid.NewGuid(), TestClock.Now));
        Assert.Equal("Dataset 'Echo' already exists.", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Create_refuses_an_empty_name(string? name)
    {
        var e = Assert.Throws<InvalidGrainArgumentException>(() => new DatasetState().Create(Team, name!, null, Guid.NewGuid(), TestClock.Now));
        Assert.Equal("A dataset name must have 1 to 200 characters.", e.Message);
    }

    [Fact]
    public void Create_refuses_long_names_and_descriptions()
    {
        Assert.Throws<InvalidGrainArgumentException>(() => new DatasetState().Create(Team, new string('n', 201), null, Guid.NewGuid(), TestClock.Now));
        var e = Assert.Throws<InvalidGrainArgumentException>(() => new DatasetState().Create(Team, "n", new string('d', 4001), Guid.NewGuid(), TestClock.Now));
        Assert.Equal("A dataset description may have at most 4000 characters.", e.Message);
        new DatasetState().Create(Team, new string('n', 200), new string('d', 4000), Guid.NewGuid(), TestClock.Now);
    }

    [Fact]
    public void Everything_on_a_dataset_that_does_not_exist_is_not_found()
    {
        var d = new DatasetState();
        Assert.Equal("The dataset does not exist.", Assert.Throws<EntityNotFoundException>(() => d.AddLabel("x")).Message);
        Assert.Throws<EntityNotFoundException>(() => AddVideo(d));
        Assert.Throws<EntityNotFoundException>(() => d.AddVersion("m", null, 1, "curation", null, TestClock.Now));
        Assert.Throws<EntityNotFoundException>(() => d.RequireVersion(1));
        Assert.Throws<EntityNotFoundException>(() => d.RequireVideo(Guid.NewGuid()));
    }

    [Fact]
    public void AddLabel_trims_and_a_repeated_label_changes_nothing()
    {
        var d = Created();
        Assert.True(d.AddLabel(" apical "));
        Assert.False(d.AddLabel("apical"));
        Assert.Equal(["apical"], d.Labels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AddLabel_refuses_empty_labels(string? label)
    {
        var e = Assert.Throws<InvalidGrainArgumentException>(() => Created().AddLabel(label!));
        Assert.Equal("A label must have 1 to 100 characters.", e.Message);
    }

    [Fact]
    public void AddLabel_refuses_long_labels_and_labels_beyond_the_limit()
    {
        var d = Created();
        Assert.Throws<InvalidGrainArgumentException>(() => d.AddLabel(new string('l', 101)));
        d.Labels = Enumerable.Range(0, DatasetState.MaxLabels).Select(i => $"l{i}").ToList();
        Assert.False(d.AddLabel("l5")); // a known label is still fine at the limit
        var e = Assert.Throws<IllegalTransitionException>(() => d.AddLabel("one-more"));
        Assert.Equal("A dataset may have at most 10000 labels.", e.Message);
    }

    [Fact]
    public void A_video_starts_ingesting_and_a_duplicate_is_refused()
    {
        var d = Created();
        var id = Guid.NewGuid();
        var video = AddVideo(d, id);
        Assert.Equal(SourceVideoStatus.Ingesting, video.Status);
        var e = Assert.Throws<IllegalTransitionException>(() => AddVideo(d, id));
        Assert.Equal($"Video {id} is already in the dataset.", e.Message);
        Assert.Single(d.Videos);
    }

    [Fact]
    public void A_video_keeps_its_labels_and_too_many_are_refused()
    {
        var d = Created();
        var video = d.AddVideo(Guid.NewGuid(), "a.mp4", 1, "x/original.mp4", new Dictionary<string, string> { ["view"] = "a4c" }, Guid.NewGuid(), TestClock.Now);
        Assert.Equal("a4c", video.Labels["view"]);
        var tooMany = Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", i => "v");
        var e = Assert.Throws<InvalidGrainArgumentException>(() => d.AddVideo(Guid.NewGuid(), "b.mp4", 1, "x/original.mp4", tooMany, Guid.NewGuid(), TestClock.Now));
        Assert.Equal("A video may have at most 64 labels, each name 1 to 64 characters and each value at most 256.", e.Message);
        Assert.Single(d.Videos);
    }

    [Fact]
    public void CompleteIngest_records_the_probe_and_a_repeat_changes_nothing()
    {
        var d = Created();
        var video = AddVideo(d);
        Assert.True(d.CompleteIngest(video.Id, Ingested));
        Assert.Equal((SourceVideoStatus.Ready, 640, 480, "h264", 312L), (video.Status, video.Width, video.Height, video.Codec, video.FrameCount));
        Assert.False(d.CompleteIngest(video.Id, Ingested with { Width = 1 }));
        Assert.Equal(640, video.Width);
    }

    [Fact]
    public void FailIngest_only_fails_an_ingesting_video()
    {
        var d = Created();
        var failing = AddVideo(d);
        Assert.True(d.FailIngest(failing.Id, "not a video"));
        Assert.Equal((SourceVideoStatus.Failed, "not a video"), (failing.Status, failing.Error));
        Assert.False(d.FailIngest(failing.Id, "again"));
        var ready = AddVideo(d);
        d.CompleteIngest(ready.Id, Ingested);
        Assert.False(d.FailIngest(ready.Id, "late failure"));
        Assert.Equal(SourceVideoStatus.Ready, ready.Status);
    }

    [Fact]
    public void A_failed_ingest_that_later_succeeds_becomes_ready_and_clears_the_error()
    {
        var d = Created();
        var video = AddVideo(d);
        d.FailIngest(video.Id, "timeout");
        Assert.True(d.CompleteIngest(video.Id, Ingested));
        Assert.Equal((SourceVideoStatus.Ready, null), (video.Status, video.Error));
    }

    [Fact]
    public void Ingest_reports_for_an_unknown_video_are_not_found()
    {
        var d = Created();
        var id = Guid.NewGuid();
        var e = Assert.Throws<EntityNotFoundException>(() => d.CompleteIngest(id, Ingested));
        Assert.Equal($"Video {id} is not in dataset 'Echo'.", e.Message);
        Assert.Throws<EntityNotFoundException>(() => d.FailIngest(id, "x"));
        Assert.Throws<EntityNotFoundException>(() => d.RemoveVideo(id));
    }

    [Fact]
    public void A_ready_video_cannot_be_removed_once_versions_exist()
    {
        var d = Created();
        var ready = AddVideo(d);
        d.CompleteIngest(ready.Id, Ingested);
        var ingesting = AddVideo(d);
        d.AddVersion("m1.jsonl", null, 3, "curation", null, TestClock.Now);
        var e = Assert.Throws<IllegalTransitionException>(() => d.RemoveVideo(ready.Id));
        Assert.Equal("A video that dataset versions may cite cannot be removed.", e.Message);
        Assert.Same(ingesting, d.RemoveVideo(ingesting.Id));
        Assert.Equal([ready.Id], d.Videos.Select(v => v.Id));
    }

    [Fact]
    public void A_ready_video_can_be_removed_while_there_are_no_versions()
    {
        var d = Created();
        var ready = AddVideo(d);
        d.CompleteIngest(ready.Id, Ingested);
        d.RemoveVideo(ready.Id);
        Assert.Empty(d.Videos);
    }

    [Fact]
    public void Versions_are_numbered_from_one_and_need_clips()
    {
        var d = Created();
        Assert.Equal(1, d.AddVersion("m1", "s1", 10, "curation", "first", TestClock.Now).Number);
        Assert.Equal(2, d.AddVersion("m2", null, 12, "curation", null, TestClock.Now).Number);
        Assert.Equal("m2", d.RequireVersion(2).ManifestBlob);
        var e = Assert.Throws<IllegalTransitionException>(() => d.AddVersion("m3", null, 0, "curation", null, TestClock.Now));
        Assert.Equal("A dataset version needs at least one clip.", e.Message);
        Assert.Equal(2, d.Versions.Count);
    }

    [Fact]
    public void RequireVersion_on_a_missing_version_is_not_found()
    {
        var d = Created();
        d.AddVersion("m1", null, 1, "curation", null, TestClock.Now);
        var e = Assert.Throws<EntityNotFoundException>(() => d.RequireVersion(3));
        Assert.Equal("Dataset 'Echo' has no version 3.", e.Message);
        Assert.Throws<EntityNotFoundException>(() => d.RequireVersion(0));
    }
}
