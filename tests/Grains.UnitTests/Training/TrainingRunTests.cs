using MedVid.Contracts.Training;
using MedVid.Grains.Training;
using static MedVid.Grains.UnitTests.Training.ProgressMetrics;

namespace MedVid.Grains.UnitTests.Training;

public sealed class TrainingRunSpecTests
{
    public static readonly TrainingRunSpec Valid = new(Guid.NewGuid(), 1, "standard", "tiny", 1000, 1, new Dictionary<string, double> { ["lr"] = 1e-4 });

    [Fact]
    public void A_valid_spec_passes_including_the_bounds()
    {
        Valid.Validate();
        (Valid with { TotalSteps = 1, Gpus = 0, Hyperparameters = null }).Validate();
        (Valid with { TotalSteps = 100_000_000, Gpus = 64 }).Validate();
        foreach (var recipe in TrainingVocabulary.Recipes.Except(TrainingVocabulary.FineTuningRecipes)) (Valid with { Recipe = recipe }).Validate();
        foreach (var recipe in TrainingVocabulary.FineTuningRecipes) (Valid with { Recipe = recipe, BaseRunId = Guid.NewGuid() }).Validate();
        foreach (var size in TrainingVocabulary.ModelSizes) (Valid with { ModelSize = size }).Validate();
    }

    public static TheoryData<TrainingRunSpec, string> Invalid() => new()
    {
        { Valid with { DatasetId = Guid.Empty }, "datasetId is required." },
        { Valid with { DatasetVersion = 0 }, "datasetVersion must be 1 or more." },
        { Valid with { Recipe = "magic" }, "Unknown recipe 'magic'; known: vae, standard, bora-modal-alignment, bora-instruction-tuning, ophora-transfer-pretraining, ophora-privacy-finetuning, medgen-lora, medsora-joint." },
        { Valid with { ModelSize = "huge" }, "Unknown model size 'huge'; known: tiny, tiny-4x, mini-4x, small, medsora-s, xl." },
        { Valid with { TotalSteps = 0 }, "totalSteps must be between 1 and 100000000." },
        { Valid with { TotalSteps = 100_000_001 }, "totalSteps must be between 1 and 100000000." },
        { Valid with { Gpus = -1 }, "gpus must be between 0 and 64." },
        { Valid with { Gpus = 65 }, "gpus must be between 0 and 64." },
        { Valid with { Gpus = 1, GpuMemoryGb = 1025 }, "gpuMemoryGb must be between 0 and 1024." },
        { Valid with { Gpus = 0, GpuMemoryGb = 80 }, "gpuMemoryGb needs gpus of 1 or more." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["lr"] = double.NaN } }, "Hyperparameter 'lr' must be between 1E-07 and 1." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["lr"] = 2 } }, "Hyperparameter 'lr' must be between 1E-07 and 1." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["batch_size"] = 2.5 } }, "Hyperparameter 'batch_size' must be a whole number." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["resolution"] = 40 } }, "Hyperparameter 'resolution' must be a multiple of 16." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["frame_noise_share"] = 1 } }, "Hyperparameter 'frame_noise_share' must be between 0 and 0.99." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["timestep_logit_std"] = 5 } }, "Hyperparameter 'timestep_logit_std' must be between 0 and 4." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["motion_loss_weight"] = 0.5 } }, "Hyperparameter 'motion_loss_weight' must be between 1 and 16." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["v_prediction"] = 0, ["zero_terminal_snr"] = 1 } },
            "Hyperparameter 'zero_terminal_snr' 1 needs 'v_prediction' 1: the noise alone cannot give the clean video at pure noise." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["number_digits"] = 0 } },
            "Hyperparameter 'number_digits' 0 needs 'number_values' 1: without their digits the numbers are read by their values alone." },
        { Valid with { Hyperparameters = new Dictionary<string, double> { ["loss_weight_cap"] = 100 } },
            "Hyperparameter 'loss_weight_cap' applies to noise prediction only: set 'v_prediction' 0 to use it." },
        { Valid with { Recipe = "medgen-lora" }, "Recipe 'medgen-lora' fine-tunes a trained model: give baseRunId." },
        { Valid with { Recipe = "vae", VaeRunId = Guid.NewGuid() }, "Recipe 'vae' trains an autoencoder from scratch; baseRunId and vaeRunId do not apply." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_refuses_each_bad_value(TrainingRunSpec spec, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidGrainArgumentException>(spec.Validate).Message);
}

public sealed class TrainingRunSpecHyperparameterTests
{
    [Fact]
    public void An_unknown_hyperparameter_is_refused_with_the_known_names()
    {
        var spec = TrainingRunSpecTests.Valid with { Hyperparameters = new Dictionary<string, double> { ["wd"] = 0.1 } };
        var message = Assert.Throws<InvalidGrainArgumentException>(spec.Validate).Message;
        Assert.StartsWith("Unknown hyperparameter 'wd'; known: lr, weight_decay,", message);
    }
}

public sealed class TrainingRunStateTests
{
    private static TrainingRunState Created()
    {
        var run = new TrainingRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid, Guid.NewGuid(), TestClock.Now);
        return run;
    }

    [Fact]
    public void A_new_run_is_queued_and_indexed_by_team()
    {
        var run = Created();
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal([new GrainIndexEntry("team", run.TeamId.ToString())], run.IndexEntries());
    }

    [Fact]
    public void Create_twice_or_with_a_bad_spec_is_refused()
    {
        var run = Created();
        Assert.Equal("The training run already exists.",
            Assert.Throws<IllegalTransitionException>(() => run.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid, Guid.NewGuid(), TestClock.Now)).Message);
        var fresh = new TrainingRunState();
        Assert.Throws<InvalidGrainArgumentException>(() => fresh.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid with { Gpus = 99 }, Guid.NewGuid(), TestClock.Now));
        Assert.False(fresh.Created);
    }

    [Fact]
    public void Progress_starts_the_run_once_and_never_moves_the_step_back()
    {
        var run = Created();
        run.Progress(Step(100, loss: 0.5), TestClock.Now.AddMinutes(1));
        run.Progress(Step(50, loss: 0.6), TestClock.Now.AddMinutes(2)); // a reordered message
        run.Progress(null, TestClock.Now.AddMinutes(3));
        Assert.Equal((RunStatus.Running, 100L, TestClock.Now.AddMinutes(1)), (run.Status, run.Step, run.StartedAt));
    }

    [Fact]
    public void A_succeeded_run_cannot_go_back_to_running()
    {
        var run = Created();
        run.Progress(Step(10), TestClock.Now);
        run.Finish(RunStatus.Succeeded, null, TestClock.Now.AddHours(1));
        var e = Assert.Throws<IllegalTransitionException>(() => run.Progress(Step(20), TestClock.Now.AddHours(2)));
        Assert.Equal("The training run is succeeded; it cannot become running.", e.Message);
        Assert.Equal((RunStatus.Succeeded, 10L), (run.Status, run.Step));
    }

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public void A_finished_run_cannot_be_cancelled_or_finished_again(RunStatus outcome)
    {
        var run = Created();
        run.Finish(outcome, "why", TestClock.Now);
        var e = Assert.Throws<IllegalTransitionException>(() => run.Finish(RunStatus.Cancelled, "cancelled by a user", TestClock.Now.AddMinutes(1)));
        Assert.Equal($"The training run is {outcome.ToString().ToLowerInvariant()}; it cannot become cancelled.", e.Message);
        Assert.Equal((outcome, "why", TestClock.Now), (run.Status, run.Error, run.FinishedAt));
    }

    [Fact]
    public void A_queued_run_can_be_cancelled_but_not_requeued()
    {
        var run = Created();
        Assert.Throws<IllegalTransitionException>(() => run.Finish(RunStatus.Queued, null, TestClock.Now));
        run.Finish(RunStatus.Cancelled, "cancelled by a user", TestClock.Now);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public void A_run_that_does_not_exist_is_not_found()
    {
        var run = new TrainingRunState();
        Assert.Equal("The training run does not exist.", Assert.Throws<EntityNotFoundException>(() => run.Progress(Step(1), TestClock.Now)).Message);
        Assert.Throws<EntityNotFoundException>(() => run.Finish(RunStatus.Cancelled, null, TestClock.Now));
        Assert.Empty(run.IndexEntries());
    }
}

public sealed class TrainingRunCheckpointTests
{
    private static CheckpointRecord At(long step) => new(step, $"teams/t/training-runs/r/checkpoints/{step:D8}", "sha", [], TestClock.Now);

    private static TrainingRunState Run(RunStatus outcome, params long[] steps)
    {
        var run = new TrainingRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid, Guid.NewGuid(), TestClock.Now);
        run.Finish(outcome, null, TestClock.Now, [.. steps.Select(At)]);
        return run;
    }

    [Fact]
    public void The_latest_checkpoint_is_the_default_and_a_kept_step_can_be_chosen()
    {
        var run = Run(RunStatus.Succeeded, 200, 100);
        Assert.Equal(200, run.RequireCheckpoint(null).Step);
        Assert.Equal(100, run.RequireCheckpoint(100).Step);
        Assert.Equal("The run has no checkpoint at step 150; kept: 100, 200.",
            Assert.Throws<InvalidGrainArgumentException>(() => run.RequireCheckpoint(150)).Message);
    }

    [Fact]
    public void An_unfinished_run_or_one_without_checkpoints_offers_none()
    {
        Assert.Equal("The training run is failed; a finished run or a stored checkpoint is needed.",
            Assert.Throws<IllegalTransitionException>(() => Run(RunStatus.Failed, 100).RequireCheckpoint(null)).Message);
        Assert.Equal("The training run stored no checkpoint.",
            Assert.Throws<IllegalTransitionException>(() => Run(RunStatus.Succeeded).RequireCheckpoint(null)).Message);
    }
}

public sealed class RunningRunCheckpointTests
{
    private static CheckpointRecord At(long step) => new(step, $"teams/t/training-runs/r/checkpoints/{step:D8}", "sha", [], TestClock.Now);

    [Fact]
    public void A_running_run_lists_what_its_host_stored_keeps_the_newest_and_offers_them()
    {
        var run = new TrainingRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid, Guid.NewGuid(), TestClock.Now); // keep_checkpoints 3 (default)
        run.Progress(ProgressMetrics.Step(5), TestClock.Now);
        Assert.Equal("The training run is running; a finished run or a stored checkpoint is needed.",
            Assert.Throws<IllegalTransitionException>(() => run.RequireCheckpoint(null)).Message);

        run.CheckpointsStored([At(10)]);
        Assert.Equal(10, run.RequireCheckpoint(null).Step);
        run.CheckpointsStored([At(10), At(20)]);
        // A resumed attempt lists what it restored and stored since; what the first attempt stored stays, up to the keep limit.
        run.CheckpointsStored([At(20), At(30)]);
        Assert.Equal([10L, 20L, 30L], run.Checkpoints.Select(c => c.Step));
        run.CheckpointsStored([At(30), At(40)]);
        Assert.Equal([20L, 30L, 40L], run.Checkpoints.Select(c => c.Step));
        Assert.Equal(20, run.RequireCheckpoint(20).Step);

        run.Finish(RunStatus.Failed, "out of memory", TestClock.Now);
        Assert.Throws<IllegalTransitionException>(() => run.RequireCheckpoint(null));
    }
}

public sealed class MetricHistoryTests
{
    private static MetricPoint Point(long step) => new(step, TestClock.Now, new Dictionary<string, double> { ["loss"] = 1.0 / step });

    [Fact]
    public void History_stays_bounded_keeps_first_and_latest_and_ignores_reordered_steps()
    {
        var points = new List<MetricPoint>();
        for (long step = 1; step <= 10_000; step++) MetricHistory.Append(points, Point(step));
        MetricHistory.Append(points, Point(5)); // late duplicate
        Assert.InRange(points.Count, MetricHistory.Capacity / 2, MetricHistory.Capacity - 1);
        Assert.Equal(1, points[0].Step);
        Assert.Equal(10_000, points[^1].Step);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.Step < p.Second.Step));
    }

    [Fact]
    public void The_diffusion_stage_counting_from_one_again_after_the_vae_stage_is_kept()
    {
        var points = new List<MetricPoint>();
        foreach (var step in new long[] { 5, 10, 20 })
            MetricHistory.Append(points, new MetricPoint(step, TestClock.Now, new Dictionary<string, double> { ["stage_vae"] = 1, ["loss"] = 0.3 }));
        foreach (var step in new long[] { 3, 8, 8, 25 })
            MetricHistory.Append(points, new MetricPoint(step, TestClock.Now, new Dictionary<string, double> { ["stage_vae"] = 0, ["loss"] = 0.9 }));
        Assert.Equal([5L, 10, 20, 3, 8, 25], points.Select(p => p.Step));
    }

    [Fact]
    public void Progress_with_metrics_records_a_point_and_progress_without_does_not()
    {
        var run = new TrainingRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), TrainingRunSpecTests.Valid, Guid.NewGuid(), TestClock.Now);
        run.Progress(Step(10, loss: 0.9), TestClock.Now);
        run.Progress(null, TestClock.Now);
        run.Progress(Step(30, loss: 0.7), TestClock.Now);
        Assert.Equal([10L, 30L], run.History.Select(p => p.Step));
        Assert.Equal(0.7, run.History[^1].Values["loss"]);
    }
}

/// <summary>Progress as a training host reports it.</summary>
internal static class ProgressMetrics
{
    public static TrainingProgress Step(long step, double loss = 0.5, bool vae = false) =>
        new(vae ? TrainingStages.Vae : TrainingStages.Diffusion, step, null, new Dictionary<string, double> { ["loss"] = loss });
}

public sealed class TrainingRunStageTests
{
    private static TrainingRunState Run(TrainingRunSpec spec)
    {
        var run = new TrainingRunState();
        run.Create(Guid.NewGuid(), Guid.NewGuid(), spec, Guid.NewGuid(), TestClock.Now);
        return run;
    }

    private static readonly TrainingRunSpec WithVaeStage = TrainingRunSpecTests.Valid with
    {
        Recipe = "standard", TotalSteps = 600, Hyperparameters = new Dictionary<string, double> { ["vae_steps"] = 300 },
    };

    [Fact]
    public void Diffusion_step_1_after_a_300_step_vae_stage_is_step_1_of_the_diffusion_stage()
    {
        var run = Run(WithVaeStage);
        Assert.Equal(("vae", 0L, 300L, 0.0), Position(run.ToView(Guid.NewGuid())));
        run.Progress(Step(300, vae: true), TestClock.Now);
        Assert.Equal(("vae", 300L, 300L, 300 / 900.0), Position(run.ToView(Guid.NewGuid())));

        run.Progress(Step(1), TestClock.Now.AddSeconds(1));
        var view = run.ToView(Guid.NewGuid());
        Assert.Equal(("diffusion", 1L, 600L, 301 / 900.0), Position(view));
        Assert.Equal(new TrainingStages(300, 600), view.Stages);

        run.Progress(Step(299, vae: true), TestClock.Now.AddSeconds(2)); // a late VAE report does not move the run back
        Assert.Equal(("diffusion", 1L, 600L, 301 / 900.0), Position(run.ToView(Guid.NewGuid())));

        // Its last progress report may arrive after its success, and is then dropped: a succeeded run did every step.
        run.Finish(RunStatus.Succeeded, null, TestClock.Now.AddMinutes(1));
        Assert.Equal(("diffusion", 600L, 600L, 1.0), Position(run.ToView(Guid.NewGuid())));
    }

    [Fact]
    public void Runs_starting_from_a_trained_vae_and_the_vae_recipe_have_one_stage()
    {
        var fromVae = Run(WithVaeStage with { VaeRunId = Guid.NewGuid() });
        Assert.Equal(("diffusion", 0L, 600L, 0.0), Position(fromVae.ToView(Guid.NewGuid())));
        fromVae.Progress(Step(150), TestClock.Now);
        Assert.Equal(("diffusion", 150L, 600L, 0.25), Position(fromVae.ToView(Guid.NewGuid())));

        var vaeOnly = Run(WithVaeStage with { Recipe = "vae" });
        vaeOnly.Progress(Step(60, vae: true), TestClock.Now);
        Assert.Equal(("vae", 60L, 600L, 0.1), Position(vaeOnly.ToView(Guid.NewGuid())));
        vaeOnly.Finish(RunStatus.Succeeded, null, TestClock.Now.AddMinutes(1));
        Assert.Equal(("vae", 600L, 600L, 1.0), Position(vaeOnly.ToView(Guid.NewGuid())));
    }

    [Fact]
    public void Without_vae_steps_the_vae_stage_is_as_long_as_the_run()
    {
        var run = Run(WithVaeStage with { Hyperparameters = null });
        Assert.Equal(new TrainingStages(600, 600), run.ToView(Guid.NewGuid()).Stages);
    }

    private static (string, long, long, double) Position(TrainingRunView view) => (view.Stage, view.Step, view.StageSteps, view.Progress);
}
