using System.Text.Json;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Sampling;
using MedVid.Diffusion.Training;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>ε, v and x0 conversions (one helper for trainer, samplers and probe) and the zero-terminal-SNR schedule.</summary>
public sealed class PredictionTypeTests : IDisposable
{
    private static readonly long[] Shape = [2, 2, 2, 4, 4];
    private static readonly NoiseScheduleConfig ZeroSnr = new(ZeroTerminalSnr: true);
    private readonly string root = Path.Combine(Path.GetTempPath(), $"medvid-prediction-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData(PredictionType.Epsilon, 1e-6)]
    [InlineData(PredictionType.Epsilon, 0.3)]
    [InlineData(PredictionType.Epsilon, 0.9999)]
    [InlineData(PredictionType.V, 0.0)]
    [InlineData(PredictionType.V, 1e-6)]
    [InlineData(PredictionType.V, 0.3)]
    [InlineData(PredictionType.V, 0.9999)]
    public void The_conversion_coefficients_invert_the_forward_map(PredictionType type, double alphaCumprod)
    {
        // Forward: x_t = √ᾱ x0 + √(1 − ᾱ) ε and the target o = p x0 + q ε; the coefficients must map (x_t, o) back.
        var (p, q) = Parameterization.TargetCoefficients(type, alphaCumprod);
        var (a, b) = (Math.Sqrt(alphaCumprod), Math.Sqrt(1 - alphaCumprod));
        var c = Parameterization.Coefficients(type, alphaCumprod);
        var tolerance = 1e-9 / Math.Sqrt(Math.Max(alphaCumprod, 1e-12)) * (type == PredictionType.Epsilon ? 1 : 0) + 1e-12;
        Assert.Equal(1, c.X0FromSample * a + c.X0FromOutput * p, tolerance);
        Assert.Equal(0, c.X0FromSample * b + c.X0FromOutput * q, tolerance);
        Assert.Equal(0, c.NoiseFromSample * a + c.NoiseFromOutput * p, tolerance);
        Assert.Equal(1, c.NoiseFromSample * b + c.NoiseFromOutput * q, tolerance);
    }

    [Theory]
    [InlineData(false, 0L)]
    [InlineData(false, 500L)]
    [InlineData(false, 999L)]
    [InlineData(true, 0L)]
    [InlineData(true, 500L)]
    [InlineData(true, 999L)]
    public void Eps_v_and_x0_round_trip_through_the_schedule(bool zeroTerminalSnr, long t)
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(ZeroTerminalSnr: zeroTerminalSnr));
        using var generator = new Generator(5);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        var timesteps = full([2], t, int64);
        var noisy = schedule.AddNoise(x0, noise, timesteps);
        var v = schedule.Target(PredictionType.V, x0, noise, timesteps);
        var a = schedule.AlphaCumprod(t);
        Expect.Close(noise * Math.Sqrt(a) - x0 * Math.Sqrt(1 - a), v, 1e-6, "v");
        Expect.BitEqual(noise, schedule.Target(PredictionType.Epsilon, x0, noise, timesteps), "the ε target");
        // v → x0 and v → ε are defined at every t, ᾱ = 0 included.
        Expect.Close(x0, schedule.PredictX0(noisy, v, timesteps, PredictionType.V), 1e-5, "x0 from v");
        Expect.Close(noise, schedule.PredictNoise(noisy, v, timesteps, PredictionType.V), 1e-5, "ε from v");
        if (a == 0) return; // ε → x0 divides by √ᾱ
        var x0FromNoise = schedule.PredictX0(noisy, noise, timesteps);
        Expect.Close(x0, x0FromNoise, 4e-6 / Math.Sqrt(a), "x0 from ε");
        Expect.Close(v, schedule.Target(PredictionType.V, x0FromNoise, noise, timesteps), 4e-6 / Math.Sqrt(a), "ε → x0 → v");
    }

    [Fact]
    public void Zero_terminal_snr_ends_at_pure_noise_and_keeps_the_order_of_every_snr()
    {
        using var plain = new NoiseSchedule();
        using var rescaled = new NoiseSchedule(ZeroSnr);
        Assert.Equal(0.0, rescaled.AlphaCumprod(999));
        Assert.Equal(1.0, rescaled.Beta(999), 12);
        Assert.Equal(plain.AlphaCumprod(0), rescaled.AlphaCumprod(0), 12);
        for (var t = 1; t < 1000; t++)
        {
            Assert.True(rescaled.AlphaCumprod(t) < rescaled.AlphaCumprod(t - 1), $"ᾱ does not fall at t = {t}");
            Assert.True(rescaled.AlphaCumprod(t) <= plain.AlphaCumprod(t), $"rescaling raised the SNR at t = {t}");
            Assert.InRange(rescaled.Beta(t), 0, 1);
        }
        // Consecutive ratios give back the cumulative product.
        var product = 1.0;
        for (var t = 0; t < 999; t++) product *= 1 - rescaled.Beta(t);
        Assert.Equal(rescaled.AlphaCumprod(998), product, 12);
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        Expect.Close(noise, rescaled.AddNoise(x0, noise, full([2], 999L, int64)), 0, "x_T is the noise alone");
    }

    [Theory]
    [InlineData(false, TimestepSpacing.Leading)]
    [InlineData(false, TimestepSpacing.Trailing)]
    [InlineData(true, TimestepSpacing.Trailing)]
    public void DDIM_and_DDPM_with_a_v_oracle_land_on_x0(bool zeroTerminalSnr, TimestepSpacing spacing)
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(ZeroTerminalSnr: zeroTerminalSnr));
        using var generator = new Generator(9);
        var x0 = randn(Shape, generator: generator);
        var oracle = new VelocityOracleDenoiser(schedule, x0);
        Sampler[] samplers =
        [
            new DdimSampler(schedule, new DdimOptions(InferenceSteps: 25, Spacing: spacing), PredictionType.V),
            new DdimSampler(schedule, new DdimOptions(InferenceSteps: 25, Eta: 1, Spacing: spacing), PredictionType.V),
            new DdpmSampler(schedule, new DdpmOptions(InferenceSteps: 25, Spacing: spacing), PredictionType.V),
        ];
        foreach (var sampler in samplers)
        {
            if (zeroTerminalSnr) Assert.Equal(999L, sampler.Timesteps[0]); // the first step is pure noise
            using var captionGenerator = new Generator(100);
            using var noiseGenerator = new Generator(11);
            var request = new SamplingRequest(Shape, TestData.Captions(2, captionGenerator));
            Expect.Close(x0, sampler.Sample(oracle, request, noiseGenerator), 1e-4, $"{sampler.GetType().Name} sample");
        }
    }

    [Fact]
    public void One_v_step_equals_the_eps_step_it_converts_to()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(12);
        var x0 = randn(Shape, generator: generator);
        var noise = randn(Shape, generator: generator);
        var t = full([2], 700, int64);
        var noisy = schedule.AddNoise(x0, noise, t);
        var v = schedule.Target(PredictionType.V, x0, noise, t);
        var viaEps = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 10)).Step(noisy, noise, 700, 600, generator);
        var viaV = new DdimSampler(schedule, new DdimOptions(InferenceSteps: 10), PredictionType.V).Step(noisy, v, 700, 600, generator);
        Expect.Close(viaEps, viaV, 1e-5, "x_600");
        Expect.Close(schedule.AddNoise(x0, noise, full([2], 600, int64)), viaV, 1e-5, "x_600 on the trajectory");
    }

    [Fact]
    public void Guiding_v_is_guiding_the_noise_it_converts_to()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(2);
        using var model = new TinyDenoiser();
        model.eval();
        using var generator = new Generator(4);
        var x = randn(Shape, generator: generator);
        var t = full([2], 850, int64);
        var captions = TestData.Captions(2, generator);
        var asV = ClassifierFreeGuidance.Predict(model, x, t, captions, TestData.NullCaption(), 5);
        var asEps = ClassifierFreeGuidance.Predict(new NoiseFromVelocity(model, schedule), x, t, captions, TestData.NullCaption(), 5);
        Expect.Close(schedule.PredictNoise(x, asV, t, PredictionType.V), asEps, 1e-5, "guided ε");
    }

    [Fact]
    public void A_v_trainer_learns_and_its_checkpoint_records_the_prediction_type_and_schedule()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule(ZeroSnr);
        manual_seed(4);
        using var model = new TinyDenoiser(hidden: 32, dropoutRate: 0);
        var config = new TrainingConfig { LearningRate = 3e-3, WarmupSteps = 10, BatchSize = 8, Seed = 5, Prediction = PredictionType.V };
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), config);
        var losses = new List<double>();
        var store = new CheckpointStore(root);
        trainer.Train(TrainingTests.ToyDataset(), 300, store, checkpointEvery: 300, onReport: r => losses.Add(r.Loss));
        Assert.True(losses.TakeLast(50).Average() < 0.75 * losses.Take(20).Average(), $"loss {losses.Take(20).Average():F3} → {losses.TakeLast(50).Average():F3}");

        var state = TrainerState.Read(store.Latest()!);
        Assert.Equal((PredictionType.V, ZeroSnr), (state.Config.Prediction, state.Schedule));
        Assert.Contains("\"prediction\": \"v\"", File.ReadAllText(store.Latest()!.StatePath));
        using var epsTrainer = new DiffusionTrainer(model, model, new NoiseSchedule(ZeroSnr with { ZeroTerminalSnr = false }), TestData.NullCaption(),
            config with { Prediction = PredictionType.Epsilon });
        Assert.Throws<InvalidOperationException>(() => epsTrainer.Restore(store.Latest()!));
        Assert.Throws<ArgumentException>(() => new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), config with { Prediction = PredictionType.Epsilon }));
        Assert.Throws<ArgumentOutOfRangeException>(() => (config with { LossWeightCap = 5 }).Validate());
    }

    [Fact]
    public void A_trainer_json_written_before_the_fields_existed_reads_as_epsilon_on_the_plain_schedule()
    {
        var json = """
            {"format":1,"step":3,"rng":{"scheme":"s","seed":1,"nextStep":3},"config":{"seed":1,"batchSize":4,"learningRate":0.001},
             "schedule":{"trainSteps":1000,"betaStart":0.0001,"betaEnd":0.02},"trainableParameters":[],"lastReport":null,"sha256":{},
             "savedAt":"2026-12-01T00:00:00+00:00"}
            """;
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "trainer.json");
        File.WriteAllText(path, json);
        var state = TrainerState.Read(path);
        Assert.Equal(PredictionType.Epsilon, state.Config.Prediction);
        Assert.Equal(new NoiseScheduleConfig(), state.Schedule);
        Assert.Equal(PredictionType.V, JsonSerializer.Deserialize<PredictionType>("\"v\""));
    }

    /// <summary>Reads a denoiser's output as v and hands on the ε it converts to.</summary>
    private sealed class NoiseFromVelocity(IDenoiser velocity, NoiseSchedule schedule) : IDenoiser
    {
        public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning) =>
            schedule.PredictNoise(noisy, velocity.Predict(noisy, timesteps, conditioning), timesteps, PredictionType.V);
    }
}
