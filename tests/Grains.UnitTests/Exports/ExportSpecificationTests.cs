using MedVid.Grains.Exports;

namespace MedVid.Grains.UnitTests.Exports;

public sealed class ExportSpecificationTests
{
    public static readonly ExportSpecification Valid = new(
        "polyp augmentation", new ExportSource(Guid.NewGuid()),
        [new ExportLabel("polyp", "An endoscopy video with a polyp."), new ExportLabel("no polyp", "An endoscopy video without a polyp.")],
        100, SeedPolicy.FreshSeeds, new ExportSampling(), new ExportOutputs());

    [Fact]
    public void A_valid_specification_passes_including_the_bounds()
    {
        Assert.Empty(Valid.Problems());
        Assert.Empty((Valid with { VideosPerLabel = 1 }).Problems());
        Assert.Empty((Valid with { VideosPerLabel = 10_000 }).Problems());
        Assert.Empty((Valid with { VideosPerLabel = 3, Seeds = new SeedPolicy(SeedPolicy.Fixed, [1, 2, 3]) }).Problems());
        Assert.Empty((Valid with { Filter = new AcceptanceFilter("ophora-seven-criteria", 2.0, [Guid.NewGuid()]) }).Problems());
        Assert.Empty((Valid with { Filter = new AcceptanceFilter("medgen-distortion", Raters: [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]) }).Problems());
        Assert.Empty((Valid with { Outputs = new ExportOutputs(Zip: false, SyntheticDatasetId: Guid.NewGuid()) }).Problems());
        Assert.Empty((Valid with { Source = new ExportSource(Guid.NewGuid(), 600) }).Problems());
        Assert.Equal(200, Valid.TotalVideos);
    }

    public static TheoryData<ExportSpecification, string> Invalid() => new()
    {
        { Valid with { VideosPerLabel = 0 }, "videosPerLabel must be between 1 and 10,000, got 0." },
        { Valid with { VideosPerLabel = 10_001 }, "videosPerLabel must be between 1 and 10,000, got 10,001." },
        { Valid with { Name = " " }, "name must have 1 to 128 characters." },
        { Valid with { Source = new ExportSource(Guid.Empty) }, "source.trainingRunId is required." },
        { Valid with { Source = new ExportSource(Guid.NewGuid(), -1) }, "source.checkpointStep must be 0 or more (or left out for the newest checkpoint)." },
        { Valid with { Labels = [] }, "Give 1 to 256 labels, each with a name and a prompt." },
        { Valid with { Labels = [new ExportLabel("../etc", "p")] }, "Label name '../etc' must have 1 to 128 letters, digits, spaces, '-', '_' or '.', without leading or trailing spaces." },
        { Valid with { Labels = [new ExportLabel("a", " ")] }, "The prompt of label 'a' must have 1 to 2000 characters." },
        { Valid with { Labels = [new ExportLabel("Polyp", "p"), new ExportLabel("polyp", "q")] }, "Label names must be unique (ignoring case): Polyp." },
        { Valid with { Seeds = new SeedPolicy("lucky") }, "Unknown seeds.kind 'lucky'; known: fresh, fixed." },
        { Valid with { Seeds = new SeedPolicy(SeedPolicy.Fixed, [1, 2]) }, "seeds.kind 'fixed' needs exactly 100 seeds (one per video of a label), got 2." },
        { Valid with { Seeds = new SeedPolicy(SeedPolicy.Fresh, [1]) }, "seeds.seeds must be empty when seeds.kind is 'fresh'." },
        { Valid with { VideosPerLabel = 1, Seeds = new SeedPolicy(SeedPolicy.Fixed, [-5]) }, "Seeds must be between 0 and 2147483647." },
        { Valid with { Sampling = new ExportSampling(Sampler: "euler") }, "Unknown sampler 'euler'; known: ddim, ddpm." },
        { Valid with { Sampling = new ExportSampling(Width: 60) }, "width and height must be multiples of 16 between 16 and 2048." },
        { Valid with { Sampling = new ExportSampling(Frames: 0) }, "frames must be between 1 and 512." },
        { Valid with { Outputs = new ExportOutputs(Zip: false) }, "outputs: choose a zip, a synthetic dataset version, or both." },
        { Valid with { Outputs = new ExportOutputs(RetentionDays: 0) }, "outputs.retentionDays must be between 1 and 365." },
        { Valid with { Filter = new AcceptanceFilter("medgen-distortion", Raters: [Guid.NewGuid(), Guid.NewGuid()]) },
            "filter.ratersPerItem must be between 1 and the number of raters (2); MedGen's rule needs 3 raters." },
        { Valid with { Filter = new AcceptanceFilter("medgen-distortion", Raters: [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], RatersPerItem: 2) },
            "filter.ratersPerItem is 3 for MedGen's distortion rating (two of three accept)." },
        { Valid with { Filter = new AcceptanceFilter("ophora-seven-criteria", 2, [Guid.Empty]) },
            "filter.raters must list the distinct user ids of the team's raters who rate the videos." },
        { Valid with { Outputs = new ExportOutputs(BaseVersion: 1) }, "outputs.baseVersion and outputs.labelKey apply to a synthetic dataset version: give outputs.syntheticDatasetId too." },
        { Valid with { Outputs = new ExportOutputs(SyntheticDatasetId: Guid.NewGuid(), BaseVersion: 0) }, "outputs.baseVersion must be a version number (1 or more)." },
        { Valid with { Outputs = new ExportOutputs(SyntheticDatasetId: Guid.NewGuid(), LabelKey: " phase") }, "outputs.labelKey must have 1 to 64 characters, without control characters or surrounding spaces." },
        { Valid with { Filter = new AcceptanceFilter("ophora-seven-criteria", Raters: [Guid.NewGuid()]) }, "filter.minimumMean must be between 0 and 3 for the Ophora seven-criteria filter." },
        { Valid with { Filter = new AcceptanceFilter("ophora-seven-criteria", 3.5, [Guid.NewGuid()]) }, "filter.minimumMean must be between 0 and 3 for the Ophora seven-criteria filter." },
        { Valid with { Filter = new AcceptanceFilter("medgen-pairwise") }, "Unknown filter.protocol 'medgen-pairwise'; known: medgen-distortion, ophora-seven-criteria." },
        { Valid with { LabelsFrom = new LabelOrigin(Guid.NewGuid(), 0, "modality") }, "labelsFrom needs a datasetId, a version of 1 or more and a labelKey." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_refuses_each_bad_value_with_a_message_naming_it(ExportSpecification spec, string message)
    {
        Assert.Equal([message], spec.Problems());
        Assert.Equal(message, Assert.Throws<InvalidGrainArgumentException>(spec.Validate).Message);
    }

    [Fact]
    public void A_synthetic_version_takes_its_label_key_and_base_version_from_the_labels_dataset()
    {
        var dataset = Guid.NewGuid();
        var origin = new LabelOrigin(dataset, 3, "phase");
        Assert.Equal(("phase", (int?)3), Key(new ExportOutputs(SyntheticDatasetId: dataset).Resolved(origin)));
        Assert.Equal(("phase", (int?)null), Key(new ExportOutputs(SyntheticDatasetId: Guid.NewGuid()).Resolved(origin)));
        Assert.Equal(("label", (int?)null), Key(new ExportOutputs(SyntheticDatasetId: dataset).Resolved(null)));
        Assert.Equal(("tool", (int?)1), Key(new ExportOutputs(SyntheticDatasetId: dataset, BaseVersion: 1, LabelKey: "tool").Resolved(origin)));
        Assert.Equal(new ExportOutputs(), new ExportOutputs().Resolved(origin));

        static (string?, int?) Key(ExportOutputs o) => (o.LabelKey, o.BaseVersion);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var spec = Valid with { VideosPerLabel = 0, Name = "", Outputs = new ExportOutputs(Zip: false) };
        Assert.Equal(3, spec.Problems().Count);
    }

    [Fact]
    public void Fixed_seeds_are_the_same_for_every_draw_and_fresh_ones_differ()
    {
        var fixedSeeds = new SeedPolicy(SeedPolicy.Fixed, [7, 8, 9]);
        Assert.Equal([7L, 8, 9], fixedSeeds.Draw(3, new Random(1)));
        Assert.Equal(fixedSeeds.Draw(3, new Random(1)), fixedSeeds.Draw(3, new Random(2)));
        var fresh = SeedPolicy.FreshSeeds.Draw(50, new Random(1));
        Assert.Equal(50, fresh.Distinct().Count());
        Assert.NotEqual(fresh, SeedPolicy.FreshSeeds.Draw(50, new Random(2)));
    }

    [Fact]
    public void Sampling_becomes_a_generation_job_that_passes_its_own_validation()
    {
        var job = new ExportSampling(Steps: 20, Width: 96, Height: 64).ToGenerationJob(Guid.NewGuid(), 600, "An endoscopy video.", [1, 2, 3]);
        job.Validate();
        Assert.Equal((3, 600L, 20, 96, 64), (job.CountPerPrompt, job.CheckpointStep!.Value, job.Steps, job.Width, job.Height));
    }
}

public sealed class DatasetLabelPromptsTests
{
    private static LabelledClip Clip(string? modality, string? caption) =>
        new(modality is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["modality"] = modality }, caption);

    [Fact]
    public void Each_label_value_gets_its_most_common_caption_in_a_stable_order()
    {
        var labels = DatasetLabelPrompts.From(
        [
            Clip("ultrasound", "This is a ultrasound video."), Clip("endoscopy", "An endoscopy."), Clip("ultrasound", "Heart, 70 bpm."),
            Clip("ultrasound", "This is a ultrasound video."), Clip(null, "no label"), Clip("microscopy", null),
        ], "modality");
        Assert.Equal(
        [
            new ExportLabel("endoscopy", "An endoscopy."), new ExportLabel("microscopy", "This is a microscopy video."),
            new ExportLabel("ultrasound", "This is a ultrasound video."),
        ], labels);
    }

    [Fact]
    public void An_unknown_label_key_gives_no_labels() => Assert.Empty(DatasetLabelPrompts.From([Clip("ultrasound", "c")], "phase"));
}
