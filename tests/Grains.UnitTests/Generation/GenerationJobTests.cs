using MedVid.Grains.Generation;

namespace MedVid.Grains.UnitTests.Generation;

public sealed class GenerationJobSpecTests
{
    public static readonly GenerationJobSpec Valid = new(Guid.NewGuid(), ["apical four-chamber view"], 2, null, "ddim", 50, 7.5, 16, 256, 256, 1);

    [Fact]
    public void A_valid_spec_passes_including_the_bounds()
    {
        Valid.Validate();
        (Valid with { Seeds = [], Sampler = "ddpm", Steps = 1, Guidance = 0, Frames = 1, Width = 16, Height = 16, Gpus = 0 }).Validate();
        (Valid with { Seeds = [1, 2], Steps = 1000, Guidance = 50, Frames = 512, Width = 2048, Height = 2048, Gpus = 64, CountPerPrompt = 2 }).Validate();
        (Valid with { Prompts = Enumerable.Repeat("p", 256).ToList(), CountPerPrompt = 64 }).Validate();
    }

    public static TheoryData<GenerationJobSpec, string> Invalid() => new()
    {
        { Valid with { TrainingRunId = Guid.Empty }, "trainingRunId is required." },
        { Valid with { Prompts = null! }, "Give 1 to 256 prompts." },
        { Valid with { Prompts = [] }, "Give 1 to 256 prompts." },
        { Valid with { Prompts = Enumerable.Repeat("p", 257).ToList() }, "Give 1 to 256 prompts." },
        { Valid with { Prompts = ["ok", "  "] }, "Each prompt must have 1 to 2000 characters." },
        { Valid with { Prompts = [new string('p', 2001)] }, "Each prompt must have 1 to 2000 characters." },
        { Valid with { CountPerPrompt = 0 }, "countPerPrompt must be between 1 and 64." },
        { Valid with { CountPerPrompt = 65 }, "countPerPrompt must be between 1 and 64." },
        { Valid with { Seeds = [1, 2, 3] }, "Give no seeds or exactly 2 (one per video)." },
        { Valid with { Sampler = "euler" }, "Unknown sampler 'euler'; known: ddim, ddpm." },
        { Valid with { Steps = 0 }, "steps must be between 1 and 1000." },
        { Valid with { Steps = 1001 }, "steps must be between 1 and 1000." },
        { Valid with { Guidance = -0.1 }, "guidance must be between 0 and 50." },
        { Valid with { Guidance = 50.1 }, "guidance must be between 0 and 50." },
        { Valid with { Guidance = double.NaN }, "guidance must be between 0 and 50." },
        { Valid with { Frames = 0 }, "frames must be between 1 and 512." },
        { Valid with { Frames = 513 }, "frames must be between 1 and 512." },
        { Valid with { Width = 8 }, "width and height must be multiples of 16 between 16 and 2048." },
        { Valid with { Width = 250 }, "width and height must be multiples of 16 between 16 and 2048." },
        { Valid with { Height = 2064 }, "width and height must be multiples of 16 between 16 and 2048." },
        { Valid with { Gpus = -1 }, "gpus must be between 0 and 64." },
        { Valid with { Gpus = 65 }, "gpus must be between 0 and 64." },
        { Valid with { Gpus = 1, GpuMemoryGb = 1025 }, "gpuMemoryGb must be between 0 and 1024." },
        { Valid with { Gpus = 0, GpuMemoryGb = 80 }, "gpuMemoryGb needs gpus of 1 or more." },
        { Valid with { Eta = 1.5 }, "eta must be between 0 and 1." },
        { Valid with { Spacing = "linspace" }, "Unknown spacing 'linspace'; known: leading, trailing." },
        { Valid with { Seeds = [-1, 2] }, "Seeds must be 0 or more." },
    };

    [Fact]
    public void Missing_seeds_are_drawn_once_per_video_and_given_seeds_are_kept()
    {
        var drawn = (Valid with { Prompts = ["a", "b"], CountPerPrompt = 3 }).WithSeeds(new Random(7));
        Assert.Equal(6, drawn.Seeds!.Count);
        Assert.Equal(6, drawn.Seeds.Distinct().Count());
        var given = Valid with { Seeds = [11, 12] };
        Assert.Same(given, given.WithSeeds(new Random(7)));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_refuses_each_bad_value(GenerationJobSpec spec, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidGrainArgumentException>(spec.Validate).Message);
}

public sealed class GenerationJobStateTests
{
    private static GenerationJobState Created()
    {
        var job = new GenerationJobState();
        job.Create(Guid.NewGuid(), Guid.NewGuid(), GenerationJobSpecTests.Valid, Guid.NewGuid(), TestClock.Now);
        return job;
    }

    [Fact]
    public void Progress_runs_the_job_and_is_clamped()
    {
        var job = Created();
        Assert.Equal(RunStatus.Queued, job.Status);
        job.ReportProgress(1.7);
        Assert.Equal((RunStatus.Running, 1.0), (job.Status, job.Progress));
        job.ReportProgress(-3);
        Assert.Equal(0.0, job.Progress);
    }

    [Fact]
    public void Success_records_the_result_and_completes_progress()
    {
        var job = Created();
        job.ReportProgress(0.4);
        job.Finish(RunStatus.Succeeded, "{\"videos\":[]}", null, TestClock.Now.AddMinutes(5));
        Assert.Equal((RunStatus.Succeeded, 1.0, "{\"videos\":[]}", TestClock.Now.AddMinutes(5)), (job.Status, job.Progress, job.ResultJson, job.FinishedAt));
    }

    [Fact]
    public void A_finished_job_refuses_every_further_transition()
    {
        var job = Created();
        job.Finish(RunStatus.Failed, null, "out of memory", TestClock.Now);
        Assert.Equal("The generation job is failed; it cannot become running.", Assert.Throws<IllegalTransitionException>(() => job.ReportProgress(0.5)).Message);
        Assert.Equal("The generation job is failed; it cannot become cancelled.",
            Assert.Throws<IllegalTransitionException>(() => job.Finish(RunStatus.Cancelled, null, "cancelled by a user", TestClock.Now)).Message);
        Assert.Equal((RunStatus.Failed, "out of memory"), (job.Status, job.Error));
    }

    [Fact]
    public void Create_twice_is_refused_and_a_missing_job_is_not_found()
    {
        Assert.Equal("The generation job already exists.",
            Assert.Throws<IllegalTransitionException>(() => Created().Create(Guid.NewGuid(), Guid.NewGuid(), GenerationJobSpecTests.Valid, Guid.NewGuid(), TestClock.Now)).Message);
        var missing = new GenerationJobState();
        Assert.Equal("The generation job does not exist.", Assert.Throws<EntityNotFoundException>(() => missing.ReportProgress(0.1)).Message);
        Assert.Empty(missing.IndexEntries());
    }
}
