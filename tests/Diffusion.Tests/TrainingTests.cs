using MedVid.Diffusion.Training;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

public class TrainingTests
{
    /// <summary>16 rows made of 4 latent patterns; each pattern has its own caption.</summary>
    internal static InMemoryLatentDataset ToyDataset(Tensor? keepAlive = null)
    {
        using var generator = new Generator(31);
        var patterns = randn([4, 2, 2, 4, 4], generator: generator);
        var captions = randn([4, 4, TinyDenoiser.TextDim], generator: generator);
        var rows = tensor(Enumerable.Range(0, 16).Select(i => (long)(i % 4)).ToArray());
        return new InMemoryLatentDataset(patterns.index_select(0, rows), new Conditioning(captions.index_select(0, rows), ones([16, 4], @bool)));
    }

    [Fact]
    public void Caption_dropout_drops_about_one_sample_in_ten()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var dropped = 0L;
        const int steps = 2000, batch = 8;
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var random = StepRandomness.Draw(42, step, [batch, 1, 1, 1, 1], schedule, 0.1);
            dropped += random.DropCaption.to(int64).sum().item<long>();
        }
        // 16,000 draws: σ ≈ 0.0024, so ±0.01 is four σ.
        Assert.InRange(dropped / (double)(steps * batch), 0.09, 0.11);
    }

    [Fact]
    public void Step_randomness_is_a_function_of_seed_and_step()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var a = StepRandomness.Draw(7, 12, [4, 2, 1, 2, 2], schedule, 0.5);
        var b = StepRandomness.Draw(7, 12, [4, 2, 1, 2, 2], schedule, 0.5);
        Expect.BitEqual(a.Timesteps, b.Timesteps, "timesteps");
        Expect.BitEqual(a.Noise, b.Noise, "noise");
        Expect.BitEqual(a.DropCaption, b.DropCaption, "dropout");
        var next = StepRandomness.Draw(7, 13, [4, 2, 1, 2, 2], schedule, 0.5);
        Assert.False(a.Noise.allclose(next.Noise));
        var range = StepRandomness.Draw(7, 1, [4096, 1, 1, 1, 1], schedule, 0).Timesteps;
        Assert.Equal(0L, range.min().item<long>());
        Assert.Equal(999L, range.max().item<long>());
    }

    [Fact]
    public void Logit_normal_timesteps_gather_at_mid_noise_and_stay_in_range()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        static double MidShare(Tensor t) => t.ge(250).logical_and(t.lt(750)).to(float64).mean().item<double>();
        var uniform = StepRandomness.Draw(7, 1, [8192, 1, 1, 1, 1], schedule, 0).Timesteps;
        var logitNormal = StepRandomness.Draw(7, 1, [8192, 1, 1, 1, 1], schedule, 0, timestepLogitStd: 1).Timesteps;
        // P(|n| < logit 0.75 = 1.0986) = 0.728 for n ~ N(0, 1), against 0.5 for uniform timesteps; σ ≈ 0.005 at 8,192 draws.
        Assert.InRange(MidShare(uniform), 0.48, 0.52);
        Assert.InRange(MidShare(logitNormal), 0.70, 0.75);
        Assert.True(logitNormal.min().item<long>() >= 0 && logitNormal.max().item<long>() <= 999);
        var wide = StepRandomness.Draw(7, 1, [8192, 1, 1, 1, 1], schedule, 0, timestepLogitStd: 4).Timesteps;
        Assert.Equal(0L, wide.min().item<long>());
        Assert.Equal(999L, wide.max().item<long>());
        Expect.BitEqual(logitNormal, StepRandomness.Draw(7, 1, [8192, 1, 1, 1, 1], schedule, 0, timestepLogitStd: 1).Timesteps, "redrawn");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(4.5)]
    [InlineData(double.NaN)]
    public void Timestep_logit_spread_out_of_range_is_refused(double spread) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig { TimestepLogitStd = spread }.Validate());

    [Theory]
    [InlineData(0.9)]
    [InlineData(17)]
    [InlineData(double.NaN)]
    public void Motion_loss_weight_out_of_range_is_refused(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig { MotionLossWeight = weight }.Validate());

    [Fact]
    public void The_trainer_weights_the_frame_to_frame_error_by_the_motion_loss_weight()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        double FirstLoss(double weight)
        {
            manual_seed(4);
            using var model = new TinyDenoiser();
            using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
                new TrainingConfig { LearningRate = 1e-3, WarmupSteps = 0, BatchSize = 4, MotionLossWeight = weight });
            TrainingReport? first = null;
            trainer.Train(ToyDataset(), 1, onReport: r => first = r);
            return first!.Loss;
        }
        // Same model, batch and noise: the two-frame error has a frame-to-frame part, so the weighted loss is larger,
        // and by less than the weight (the error's mean over the frames keeps weight 1).
        var (plain, weighted) = (FirstLoss(1), FirstLoss(4));
        Assert.True(weighted > 1.2 * plain && weighted < 4 * plain, $"loss {weighted} with weight 4 against {plain} without");
    }

    [Fact]
    public void Dropped_rows_get_the_null_caption()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var captions = TestData.Captions(3, generator);
        var nullCaption = TestData.NullCaption();
        var mixed = captions.ReplaceRows(tensor([false, true, false]), nullCaption);
        Expect.BitEqual(captions.Tokens[0], mixed.Tokens[0], "kept row 0");
        Expect.BitEqual(nullCaption.Tokens[0], mixed.Tokens[1], "dropped row 1");
        Expect.BitEqual(nullCaption.Mask[0], mixed.Mask[1], "dropped mask 1");
        Expect.BitEqual(captions.Mask[2], mixed.Mask[2], "kept mask 2");
    }

    [Fact]
    public void Learning_rate_warms_up_linearly_then_follows_the_cosine()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(2);
        using var model = new TinyDenoiser();
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
            new TrainingConfig { LearningRate = 1e-3, WarmupSteps = 4, CosineTotalSteps = 10, MinLearningRateFactor = 0.1, BatchSize = 4 });
        var rates = new List<double>();
        trainer.Train(ToyDataset(), 10, onReport: r => rates.Add(r.LearningRate));
        double[] expected = [0.25e-3, 0.5e-3, 0.75e-3, 1e-3];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], rates[i], 12);
        // Step index 7 is halfway through the decay from 4 to 10: 0.1 + 0.9 · ½ (1 + cos(π/2)).
        Assert.Equal(1e-3 * (0.1 + 0.9 * 0.5), rates[7], 12);
        Assert.Equal(10L, trainer.Step);
        Assert.Equal(1e-3 * 0.1, trainer.LearningRate, 12);
    }

    [Fact]
    public void Constant_rate_after_warmup_without_cosine()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(3);
        using var model = new TinyDenoiser();
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
            new TrainingConfig { LearningRate = 2e-4, WarmupSteps = 2, BatchSize = 2 });
        var reports = new List<TrainingReport>();
        trainer.Train(ToyDataset(), 5, onReport: reports.Add);
        Assert.Equal([1e-4, 2e-4, 2e-4, 2e-4, 2e-4], reports.Select(r => Math.Round(r.LearningRate, 12)));
        Assert.Equal([1L, 2, 3, 4, 5], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.True(r.GradNorm > 0 && r.SamplesPerSecond > 0 && r.BatchSize == 2 && double.IsFinite(r.Loss)));
    }

    [Fact]
    public void A_tiny_denoiser_learns_a_toy_dataset()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(4);
        using var model = new TinyDenoiser(hidden: 32, dropoutRate: 0);
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
            new TrainingConfig { LearningRate = 3e-3, WarmupSteps = 10, BatchSize = 8, Seed = 5 });
        var losses = new List<double>();
        trainer.Train(ToyDataset(), 300, onReport: r => losses.Add(r.Loss));
        var first = losses.Take(20).Average();
        var last = losses.TakeLast(50).Average();
        Assert.True(last < 0.5 * first, $"loss {first:F3} → {last:F3}");
    }

    [Fact]
    public void Gradients_are_clipped_to_the_configured_norm()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(6);
        using var initial = new TinyDenoiser(dropoutRate: 0);
        var batch = ToyDataset().GetBatch([0, 1, 2, 3]);
        // A huge Adam epsilon makes the first update lr·g/ε, proportional to the (clipped) gradient.
        (double Norm, double Update) FirstStep(double clip)
        {
            using var model = new TinyDenoiser(dropoutRate: 0);
            model.load_state_dict(initial.state_dict());
            using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
                new TrainingConfig { LearningRate = 1.0, WarmupSteps = 0, GradientClip = clip, AdamEpsilon = 1e3, BatchSize = 4 });
            var report = trainer.TrainStep(batch.Latents, batch.Conditioning);
            var moved = model.parameters().Zip(initial.parameters()).Sum(p => (p.First - p.Second).square().sum().ToDouble());
            return (report.GradNorm, Math.Sqrt(moved));
        }
        var free = FirstStep(0);
        var clipped = FirstStep(free.Norm / 10);
        Assert.Equal(free.Norm, clipped.Norm, 6);
        Assert.InRange(clipped.Update / free.Update, 0.099, 0.101);
    }

    [Fact]
    public void Frozen_parameters_are_neither_optimised_nor_averaged()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(7);
        using var model = new TinyDenoiser();
        var frozen = model.named_parameters().Where(p => p.name.StartsWith("text.")).Select(p => p.parameter).ToArray();
        foreach (var p in frozen) p.requires_grad = false;
        var frozenBefore = frozen.Select(p => p.clone()).ToArray();
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(),
            new TrainingConfig { LearningRate = 1e-2, WarmupSteps = 0, BatchSize = 4 });
        trainer.Train(ToyDataset(), 3);
        for (var i = 0; i < frozen.Length; i++) Expect.BitEqual(frozenBefore[i], frozen[i], "frozen weight");
        Assert.DoesNotContain(trainer.Ema.Shadows.Keys, k => k.StartsWith("text."));
        Assert.Contains("input.weight", trainer.TrainableParameterNames);
    }

    [Fact]
    public void Training_stops_between_steps_when_cancelled()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(8);
        using var model = new TinyDenoiser();
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), new TrainingConfig { BatchSize = 2 });
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            trainer.Train(ToyDataset(), 100, onReport: r => { if (r.Step == 2) cancel.Cancel(); }, cancellation: cancel.Token));
        Assert.Equal(2L, trainer.Step);
    }
}
