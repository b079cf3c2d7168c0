using System.Diagnostics;
using MedVid.Diffusion.Checkpoints;
using MedVid.Engine;
using MedVid.Engine.Optimizers;
using MedVid.Engine.Serialization;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>
/// Training of a denoiser: per step, t and ε are drawn, x_t = AddNoise(x0, ε, t), captions are
/// swapped for the null caption with probability CaptionDropout, the loss is the MSE between the
/// output and its target (ε, or v with <see cref="TrainingConfig.Prediction"/>), and AdamW steps with a warmup (+ cosine) rate, global gradient clipping and an
/// EMA of the trainable parameters. Parameters with requires_grad false (frozen blocks) are not
/// optimised, averaged or clipped. All randomness is a function of (seed, step), so
/// <see cref="Restore"/> continues a run bit for bit on the CPU (docs/diffusion.md).
/// </summary>
public sealed class DiffusionTrainer : IDisposable
{
    private readonly nn.Module model;
    private readonly IDenoiser denoiser;
    private readonly NoiseSchedule schedule;
    private readonly Conditioning nullConditioning;
    private readonly (string Name, Parameter Parameter)[] trainable;
    private readonly AdamW optimizer;
    private readonly LRScheduler learningRate;
    private BatchSampler? batchSampler;

    /// <param name="model">Owns the weights (saved, optimised); usually the same object as <paramref name="denoiser"/>.</param>
    /// <param name="denoiser">The forward pass used for the loss.</param>
    /// <param name="nullConditioning">The encoded empty caption, [1, L, D] / [1, L] (or B rows), same L and D as the data.</param>
    public DiffusionTrainer(nn.Module model, IDenoiser denoiser, NoiseSchedule schedule, Conditioning nullConditioning, TrainingConfig config)
    {
        config.Validate();
        if (schedule.Config.ZeroTerminalSnr && config.Prediction == PredictionType.Epsilon)
            throw new ArgumentException("a zero-terminal-SNR schedule needs v-prediction: ε cannot give x0 at ᾱ = 0", nameof(config));
        this.model = model;
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.nullConditioning = nullConditioning;
        Config = config;
        trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToArray();
        if (trainable.Length == 0) throw new ArgumentException("the model has no trainable parameters", nameof(model));
        optimizer = new ScalarSafeAdamW(trainable.Select(p => p.Parameter), config.LearningRate, config.Beta1, config.Beta2,
            config.AdamEpsilon, config.WeightDecay);
        learningRate = config.CosineTotalSteps is { } total
            ? LRSchedules.Cosine(optimizer, total, config.WarmupSteps, config.MinLearningRateFactor)
            : LRSchedules.LinearWarmup(optimizer, config.WarmupSteps);
        Ema = new ExponentialMovingAverage(trainable.Select(p => (p.Name, (Tensor)p.Parameter)), config.EmaDecay, config.EmaWarmup);
    }

    public TrainingConfig Config { get; }

    /// <summary>Optimizer steps completed.</summary>
    public long Step { get; private set; }

    /// <summary>The rate the next step will use.</summary>
    public double LearningRate => optimizer.LearningRate();

    /// <summary>The averaged weights; <c>Ema.CopyTo(model)</c> before sampling from them.</summary>
    public ExponentialMovingAverage Ema { get; }

    public IReadOnlyList<string> TrainableParameterNames => trainable.Select(p => p.Name).ToArray();

    /// <summary>One optimizer step on a batch of clean latents x0 [B, C, T, H, W] with their captions.</summary>
    public TrainingReport TrainStep(Tensor latents, Conditioning conditioning)
    {
        var clock = Stopwatch.StartNew();
        double loss, gradNorm, rate;
        var batch = latents.shape[0];
        if (conditioning.BatchSize != batch)
            throw new ArgumentException($"conditioning has {conditioning.BatchSize} rows for {batch} latents");
        using (NewDisposeScope())
        {
            model.train();
            var device = trainable[0].Parameter.device;
            var x0 = latents.to(device);
            var random = StepRandomness.Draw(Config.Seed, Step, x0.shape, schedule, Config.CaptionDropout, Config.TimestepLogitStd);
            var timesteps = random.Timesteps.to(device);
            var noise = random.Noise.to(x0.dtype, device);
            var captions = conditioning.To(device).ReplaceRows(random.DropCaption, nullConditioning.To(device));
            var noisy = schedule.AddNoise(x0, noise, timesteps);

            // Dropout inside the model draws from libtorch's global generator: reseed it per step.
            manual_seed(unchecked((long)SeedMixer.Mix(Config.Seed, RandomStream.ModelDropout, Step)));
            optimizer.zero_grad();
            var predicted = denoiser.Predict(noisy, timesteps, captions);
            var target = schedule.Target(Config.Prediction, x0, noise, timesteps);
            var mse = LossWeighting.Mse(predicted.to(float32), target.to(float32), schedule, timesteps, Config.LossWeightCap, Config.MotionLossWeight);
            mse.backward();
            var parameters = trainable.Select(p => p.Parameter).ToArray();
            gradNorm = nn.utils.clip_grad_norm_(parameters, Config.GradientClip > 0 ? Config.GradientClip : double.PositiveInfinity);
            rate = optimizer.LearningRate();
            optimizer.step();
            Ema.step();
            learningRate.step();
            loss = mse.ToDouble();
        }
        Step++;
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        return new TrainingReport(Step, loss, rate, gradNorm, batch / seconds, (int)batch);
    }

    /// <summary>
    /// Trains until <see cref="Step"/> reaches <paramref name="totalSteps"/>, taking step s's batch
    /// from <see cref="BatchSampler"/>(seed, s). With a store, saves every
    /// <paramref name="checkpointEvery"/> steps and at the end. Cancellation is honoured between
    /// steps (throws <see cref="OperationCanceledException"/>; completed steps are kept in memory).
    /// Returns the last report, or null if no step was needed.
    /// </summary>
    public TrainingReport? Train(ILatentDataset data, long totalSteps, CheckpointStore? store = null, int checkpointEvery = 0,
        Action<TrainingReport>? onReport = null, Action<CheckpointInfo>? onCheckpoint = null, CancellationToken cancellation = default)
    {
        if (store is not null && checkpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(checkpointEvery));
        var sampler = BatchSamplerFor(data);
        TrainingReport? last = null;
        var savedAt = -1L;
        while (Step < totalSteps)
        {
            cancellation.ThrowIfCancellationRequested();
            using (NewDisposeScope())
            {
                var batch = data.GetBatch(sampler.IndicesFor(Step));
                last = TrainStep(batch.Latents, batch.Conditioning);
            }
            onReport?.Invoke(last);
            if (store is not null && Step % checkpointEvery == 0)
            {
                // Not onCheckpoint?.Invoke(Save(...)): a null callback would skip the save itself.
                var saved = SaveCheckpoint(store, last);
                savedAt = Step;
                onCheckpoint?.Invoke(saved);
            }
        }
        if (store is not null && last is not null && savedAt != Step)
        {
            var saved = SaveCheckpoint(store, last);
            onCheckpoint?.Invoke(saved);
        }
        return last;
    }

    /// <summary>The batch order for <paramref name="data"/>: a function of (seed, step) only.</summary>
    public BatchSampler BatchSamplerFor(ILatentDataset data)
    {
        if (batchSampler is not { } s || s.DatasetSize != data.Count)
            batchSampler = new BatchSampler(data.Count, Config.BatchSize, Config.Seed);
        return batchSampler;
    }

    /// <summary>Writes weights, EMA, optimizer state and trainer.json as checkpoint-{Step:D8}.</summary>
    public CheckpointInfo SaveCheckpoint(CheckpointStore store, TrainingReport? lastReport = null) =>
        store.Save(Step, folder =>
        {
            using (NewDisposeScope())
            {
                SafeTensors.Save(Path.Combine(folder, CheckpointInfo.ModelFile), model.state_dict());
                SafeTensors.Save(Path.Combine(folder, CheckpointInfo.EmaFile), Ema.state_dict());
                SafeTensors.Save(Path.Combine(folder, CheckpointInfo.OptimizerFile), AdamWState.Export(optimizer));
            }
            var hashes = new[] { CheckpointInfo.ModelFile, CheckpointInfo.EmaFile, CheckpointInfo.OptimizerFile }
                .ToDictionary(f => f, f => TrainerState.HashFile(Path.Combine(folder, f)));
            new TrainerState(TrainerState.CurrentFormat, Step, new RngState(TrainerState.RngScheme, Config.Seed, Step), Config,
                schedule.Config, TrainableParameterNames, lastReport, hashes, DateTimeOffset.UtcNow)
                .Write(Path.Combine(folder, CheckpointInfo.StateFile));
        });

    /// <summary>
    /// Loads weights, optimizer moments, EMA (with its step counter) and the step from a checkpoint
    /// written by a trainer of the same model. Hashes are verified; a different seed, schedule or
    /// set of trainable parameters is refused since the run could not continue exactly. Other
    /// configuration (e.g. the learning rate) may change on purpose.
    /// </summary>
    public TrainerState Restore(CheckpointInfo checkpoint)
    {
        var state = TrainerState.Read(checkpoint);
        if (state.Format != TrainerState.CurrentFormat) throw new InvalidDataException($"checkpoint format {state.Format} is not supported");
        if (state.Rng.Seed != Config.Seed)
            throw new InvalidOperationException($"checkpoint was trained with seed {state.Rng.Seed}, this trainer has {Config.Seed}");
        if (state.Schedule != schedule.Config)
            throw new InvalidOperationException($"checkpoint schedule {state.Schedule} differs from {schedule.Config}");
        if (state.Config.Prediction != Config.Prediction)
            throw new InvalidOperationException($"checkpoint was trained to predict {state.Config.Prediction}, this trainer {Config.Prediction}");
        if (!state.TrainableParameters.SequenceEqual(TrainableParameterNames))
            throw new InvalidOperationException("checkpoint's trainable parameters differ from this model's (optimizer state is positional)");
        state.VerifyFiles(checkpoint);
        using (NewDisposeScope())
        {
            model.load_state_dict(SafeTensors.Load(checkpoint.ModelPath));
            // Moments go where the parameters live: libtorch keeps them as given.
            AdamWState.Import(optimizer, SafeTensors.Load(checkpoint.OptimizerPath, trainable[0].Parameter.device));
            Ema.load_state_dict(SafeTensors.Load(checkpoint.EmaPath));
        }
        Step = state.Step;
        learningRate.Restore(Step);
        return state;
    }

    /// <summary>Restores the newest checkpoint of <paramref name="store"/>, if any; returns whether one was found.</summary>
    public bool ResumeFromLatest(CheckpointStore store)
    {
        if (store.Latest() is not { } latest) return false;
        Restore(latest);
        return true;
    }

    /// <summary>Disposes the optimizer and EMA; the model, schedule and conditioning belong to the caller.</summary>
    public void Dispose()
    {
        optimizer.Dispose();
        Ema.Dispose();
    }
}
