using MedVid.PhantomsBench;

namespace MedVid.Training.Tests;

public sealed class PhantomsBenchOptionsTests : IDisposable
{
    private readonly string checkpoint = Directory.CreateTempSubdirectory("medvid-bench-options-").FullName;

    public PhantomsBenchOptionsTests() => File.WriteAllText(Path.Combine(checkpoint, "model.json"), "{}");

    public void Dispose() => Directory.Delete(checkpoint, recursive: true);

    [Fact]
    public void Defaults_are_the_ones_the_ablations_chose()
    {
        var options = BenchOptions.Parse([]);
        Assert.Equal(("mini-4x", 4.0, 25, 96), (options.Size, options.Guidance, options.SampleSteps, options.ClipsPerModality));
        Assert.Equal((true, 1.0), (options.NumberValues, options.TimestepLogitStd));
        Assert.Null(options.ConditionalFrom);
        Assert.Equal((0.5, 0.0), (options.FrameNoiseShare, options.GuidanceRescale));
        Assert.Equal((true, 1.0, false), (options.SideBySide, options.MotionLossWeight, options.ValueGrid));
        Assert.True(BenchOptions.Parse(["--value-grid", "1"]).ValueGrid);
    }

    [Fact]
    public void Shared_frame_noise_and_guidance_rescale_are_read()
    {
        var options = BenchOptions.Parse(["--frame-noise-share", "0.5", "--guidance-rescale", "0.7"]);
        Assert.Equal((0.5, 0.7), (options.FrameNoiseShare, options.GuidanceRescale));
        Assert.Equal(0.5, BenchSteps.Settings(options, 4, 5e-4, 0.1, 10, 5).FrameNoiseShare);
    }

    [Fact]
    public void Logit_normal_timesteps_reach_the_run_settings()
    {
        var options = BenchOptions.Parse(["--timestep-logit-std", "1"]);
        Assert.Equal(1.0, BenchSteps.Settings(options, 4, 5e-4, 0.1, 10, 5).Diffusion.TimestepLogitStd);
        Assert.Equal(0.0, BenchSteps.Settings(BenchOptions.Parse(["--timestep-logit-std", "0"]), 4, 5e-4, 0.1, 10, 5).Diffusion.TimestepLogitStd);
    }

    [Fact]
    public void Both_diffusion_models_train_side_by_side_for_all_of_the_diffusion_budget_unless_one_is_not_trained()
    {
        var options = BenchOptions.Parse(["--minutes", "20", "--vae-share", "0.5"]);
        Assert.True(options.TrainsSideBySide);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ConditionalBudget(TimeSpan.Zero));
        var sequential = BenchOptions.Parse(["--minutes", "20", "--vae-share", "0.5", "--side-by-side", "0"]);
        Assert.False(sequential.TrainsSideBySide);
        Assert.Equal(TimeSpan.FromMinutes(5), sequential.ConditionalBudget(TimeSpan.Zero));
        Assert.False(BenchOptions.Parse(["--skip-unconditional"]).TrainsSideBySide);
        Assert.False(BenchOptions.Parse(["--vae-from", checkpoint, "--conditional-from", checkpoint]).TrainsSideBySide);
    }

    [Fact]
    public void A_vae_that_reaches_its_step_cap_early_gives_its_unused_minutes_to_the_diffusion_models()
    {
        Assert.Equal(BenchSteps.UntilTheDeadline, BenchOptions.Parse([]).VaeRunSteps);
        var options = BenchOptions.Parse(["--minutes", "20", "--vae-share", "0.5", "--vae-max-steps", "1200"]);
        Assert.Equal(1200, options.VaeRunSteps);
        Assert.Equal(TimeSpan.FromMinutes(14), options.ConditionalBudget(TimeSpan.FromMinutes(4)));
        Assert.Equal(TimeSpan.FromMinutes(7), (options with { SideBySide = false }).ConditionalBudget(TimeSpan.FromMinutes(4)));

        // A VAE of a given step count, or loaded, is not time-boxed: nothing of its share passes on.
        var fixedVae = BenchOptions.Parse(["--minutes", "20", "--vae-steps", "300"]);
        Assert.Equal(300, fixedVae.VaeRunSteps);
        Assert.Equal(TimeSpan.FromMinutes(10), fixedVae.ConditionalBudget(TimeSpan.FromMinutes(4)));
        Assert.Equal(TimeSpan.FromMinutes(10), BenchOptions.Parse(["--minutes", "20", "--vae-from", checkpoint]).ConditionalBudget(TimeSpan.FromMinutes(4)));
        Assert.Equal("--vae-max-steps must be 0 (no cap) or a step count", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--vae-max-steps", "-1"])).Message);
    }

    [Fact]
    public void Numbers_read_by_value_alone_reach_the_run_settings_and_need_the_values()
    {
        Assert.False(BenchSteps.Settings(BenchOptions.Parse(["--number-digits", "0"]), 4, 5e-4, 0.1, 10, 5).NumberDigits);
        Assert.True(BenchSteps.Settings(BenchOptions.Parse([]), 4, 5e-4, 0.1, 10, 5).NumberDigits);
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--number-digits", "0", "--number-values", "0"]));
        Assert.Equal("--number-digits 0 needs --number-values 1: the numbers are then read by their values alone", error.Message);
    }

    [Fact]
    public void The_motion_loss_weight_reaches_the_run_settings()
    {
        Assert.Equal(4.0, BenchSteps.Settings(BenchOptions.Parse(["--motion-loss-weight", "4"]), 4, 5e-4, 0.1, 10, 5).Diffusion.MotionLossWeight);
        Assert.Equal(1.0, BenchSteps.Settings(BenchOptions.Parse([]), 4, 5e-4, 0.1, 10, 5).Diffusion.MotionLossWeight);
    }

    [Fact]
    public void Projected_guidance_and_a_guidance_interval_are_read()
    {
        var options = BenchOptions.Parse(["--guidance-parallel", "0", "--guidance-interval", "501,999"]);
        Assert.Equal(0.0, options.GuidanceParallel);
        Assert.Equal((501L, 999L), (options.GuidanceInterval!.Value.From, options.GuidanceInterval.Value.To));
    }

    [Fact]
    public void A_conditional_model_to_sample_again_is_read_with_its_vae()
    {
        var options = BenchOptions.Parse(["--vae-from", checkpoint, "--conditional-from", checkpoint, "--guidance", "2"]);
        Assert.Equal((checkpoint, checkpoint, 2.0), (options.VaeFrom, options.ConditionalFrom, options.Guidance));
    }

    [Theory]
    [InlineData("--conditional-from needs --vae-from", "--conditional-from", "{checkpoint}")]
    [InlineData("is not a checkpoint folder", "--vae-from", "{checkpoint}", "--conditional-from", "/nonexistent/checkpoint-1")]
    [InlineData("--conditional-from needs a value", "--conditional-from")]
    [InlineData("unknown option --dit-from", "--dit-from", "x")]
    [InlineData("--frame-noise-share must be between 0 and 0.99", "--frame-noise-share", "1")]
    [InlineData("--timestep-logit-std must be between 0 (uniform) and 4", "--timestep-logit-std", "-1")]
    [InlineData("--motion-loss-weight must be between 1 (plain loss) and 16", "--motion-loss-weight", "0.5")]
    [InlineData("--guidance-rescale must be between 0 and 1", "--guidance-rescale", "-0.5")]
    [InlineData("--guidance-parallel must be between 0 and 1", "--guidance-parallel", "1.5")]
    [InlineData("--guidance-interval is FROM,TO", "--guidance-interval", "700,500")]
    [InlineData("--guidance-interval is FROM,TO", "--guidance-interval", "500")]
    public void Bad_options_fail_with_a_message_before_any_work(string message, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(args.Select(a => a.Replace("{checkpoint}", checkpoint)).ToArray()));
        Assert.Contains(message, error.Message);
    }
}
