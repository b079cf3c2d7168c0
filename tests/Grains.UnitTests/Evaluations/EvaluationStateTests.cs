using MedVid.Grains.Evaluations;

namespace MedVid.Grains.UnitTests.Evaluations;

public sealed class EvaluationStateTests
{
    private static readonly EvaluationSpec Valid = new(Guid.NewGuid(), Guid.NewGuid(), 1);

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", 1, "test", "generationJobId must be a generation job's id.")]
    [InlineData("5c4ed01e-0000-4000-8000-000000000001", 0, "test", "datasetVersion must be 1 or more.")]
    [InlineData("5c4ed01e-0000-4000-8000-000000000001", 1, "validation", "Unknown referenceSplit 'validation'; known: test, train, all.")]
    public void A_bad_specification_is_refused_with_the_field_named(string job, int version, string split, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(Guid.Parse(job), Guid.NewGuid(), version, split).Validate()).Message);

    [Fact]
    public void Either_a_job_or_a_checkpoint_is_evaluated_and_a_checkpoint_sample_is_checked_field_by_field()
    {
        var sample = new CheckpointSample(Guid.NewGuid(), null, ["an echo"], CountPerPrompt: 3, Seed: 10);
        Assert.Equal([10L, 11L, 12L], sample.Seeds);
        new EvaluationSpec(null, Guid.NewGuid(), 1, Checkpoint: sample).Validate();
        Assert.Equal("Give one of generationJobId (its videos are evaluated), checkpoint (videos are made from it) or exportRunId (an export's videos).",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(null, Guid.NewGuid(), 1).Validate()).Message);
        Assert.Equal("Give one of generationJobId (its videos are evaluated), checkpoint (videos are made from it) or exportRunId (an export's videos).",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(Guid.NewGuid(), Guid.NewGuid(), 1, Checkpoint: sample).Validate()).Message);
        new EvaluationSpec(null, Guid.NewGuid(), 1, ExportRunId: Guid.NewGuid()).Validate();
        Assert.Equal("Give one of generationJobId (its videos are evaluated), checkpoint (videos are made from it) or exportRunId (an export's videos).",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(Guid.NewGuid(), Guid.NewGuid(), 1, ExportRunId: Guid.NewGuid()).Validate()).Message);
        Assert.Equal("exportRunId must be an export run's id.",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(null, Guid.NewGuid(), 1, ExportRunId: Guid.Empty).Validate()).Message);
        Assert.Equal("checkpoint.countPerPrompt must be between 1 and 64.",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(null, Guid.NewGuid(), 1, Checkpoint: sample with { CountPerPrompt = 65 }).Validate()).Message);
        Assert.Equal("checkpoint.prompts: give 1 to 64 prompts of 1 to 2000 characters.",
            Assert.Throws<InvalidGrainArgumentException>(() => new EvaluationSpec(null, Guid.NewGuid(), 1, Checkpoint: sample with { Prompts = [" "] }).Validate()).Message);
    }

    [Fact]
    public void An_evaluation_is_found_by_team_and_run_records_its_summary_and_ends_once()
    {
        var (team, run) = (Guid.NewGuid(), Guid.NewGuid());
        var evaluation = new EvaluationState();
        evaluation.Create(team, Guid.NewGuid(), Valid, Valid.GenerationJobId!.Value, run, 300, Guid.NewGuid(), TestClock.Now);
        Assert.Equal([new GrainIndexEntry("team", team.ToString()), new GrainIndexEntry("training-run", run.ToString()),
            new GrainIndexEntry("generation-job", Valid.GenerationJobId!.Value.ToString())], evaluation.IndexEntries());

        evaluation.ReportProgress(0.5);
        var summary = new EvaluateResult(new Dictionary<string, double> { ["sharpness"] = 3 }, new Dictionary<string, double> { ["sharpness"] = 4 },
            4, 4, 4, 1.5, "pixel-statistics-v1", 0, 0.2, "thumbnails-8x16x16-v1", "teams/x/evaluations/y/report.json");
        evaluation.Finish(RunStatus.Succeeded, summary, null, TestClock.Now.AddMinutes(2));
        Assert.Equal((RunStatus.Succeeded, 1.0, summary), (evaluation.Status, evaluation.Progress, evaluation.Result));
        Assert.Equal("The evaluation is succeeded; it cannot become cancelled.",
            Assert.Throws<IllegalTransitionException>(() => evaluation.Finish(RunStatus.Cancelled, null, "cancelled by a user", TestClock.Now)).Message);
        Assert.Equal("The evaluation does not exist.", Assert.Throws<EntityNotFoundException>(() => new EvaluationState().RequireCreated()).Message);
    }
}
