using System.Diagnostics;
using System.Text.Json;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Engine.Optimizers;
using MedVid.Engine.Serialization;
using MedVid.Models.Vae;
using MedVid.Training.Model;
using static TorchSharp.torch;

namespace MedVid.Training.Runs;

/// <summary>Settings of autoencoder training (MedSora 3.2: L1 + KL, optional Focal Frequency Loss).</summary>
public sealed record AutoencoderSettings(ulong Seed, int BatchSize, double LearningRate, int WarmupSteps, double KlWeight, double FrequencyWeight);

/// <summary>trainer.json of an autoencoder checkpoint.</summary>
public sealed record AutoencoderTrainerState(long Step, ulong Seed, double Loss, double ScalingFactor);

/// <summary>
/// Trains the VAE part of a <see cref="TextToVideoModel"/> on clips [N, 3, T, H, W]: batches of clips from a
/// (seed, step) batch order, a posterior sample from a (seed, step) generator, AdamW with warm-up. Checkpoints hold the
/// whole model's weights, so a "vae" run's checkpoint is what a diffusion run names as its VAE.
/// </summary>
public sealed class AutoencoderTrainer : IDisposable
{
    private const RandomStream PosteriorStream = (RandomStream)103;
    private const string OptimizerFile = "optimizer.safetensors";

    private readonly TextToVideoModel model;
    private readonly Tensor clips;
    private readonly AutoencoderSettings settings;
    private readonly AdamW optimizer;
    private readonly LRScheduler schedule;
    private readonly BatchSampler batches;

    public AutoencoderTrainer(TextToVideoModel model, Tensor clips, AutoencoderSettings settings)
    {
        this.model = model;
        this.clips = clips;
        this.settings = settings;
        model.vae.requires_grad_(true);
        optimizer = new ScalarSafeAdamW(model.vae.parameters(), settings.LearningRate, weightDecay: 0.01);
        schedule = LRSchedules.LinearWarmup(optimizer, settings.WarmupSteps);
        batches = new BatchSampler(checked((int)clips.shape[0]), settings.BatchSize, settings.Seed);
    }

    public long Step { get; private set; }

    public TrainingReport TrainStep()
    {
        var clock = Stopwatch.StartNew();
        double loss, rate;
        var indices = batches.IndicesFor(Step);
        using (NewDisposeScope())
        {
            model.vae.train();
            var batch = clips.index_select(0, tensor(indices.Select(i => (long)i).ToArray())).to(model.Device);
            using var generator = new Generator(SeedMixer.Mix(settings.Seed, PosteriorStream, Step));
            optimizer.zero_grad();
            var (reconstruction, posterior) = model.vae.forward(batch, generator);
            using (posterior)
            {
                var terms = VaeLoss.Compute(reconstruction, batch, posterior, new VaeLossWeights(Kl: settings.KlWeight, Frequency: settings.FrequencyWeight));
                terms.Total.backward();
                rate = optimizer.LearningRate();
                optimizer.step();
                schedule.step();
                loss = terms.Total.ToDouble();
            }
        }
        Step++;
        return new TrainingReport(Step, loss, rate, double.NaN, indices.Length / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), indices.Length);
    }

    /// <summary>Sets the VAE's scaling factor to 1/std of the posterior means of the training clips (SD's recipe).</summary>
    public double CalibrateScalingFactor()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        model.vae.eval();
        var means = new List<Tensor>();
        for (long i = 0; i < clips.shape[0]; i += settings.BatchSize)
        {
            using var posterior = model.vae.Encode(clips.slice(0, i, Math.Min(i + settings.BatchSize, clips.shape[0]), 1).to(model.Device));
            means.Add(posterior.Mean.alias());
        }
        var factor = AutoencoderKL.EstimateScalingFactor(cat(means));
        model.vae.ScalingFactor = double.IsFinite(factor) ? factor : 1.0;
        return model.vae.ScalingFactor;
    }

    public CheckpointInfo SaveCheckpoint(CheckpointStore store, double loss) =>
        store.Save(Step, folder =>
        {
            using (NewDisposeScope())
            {
                SafeTensors.Save(Path.Combine(folder, CheckpointInfo.ModelFile), model.state_dict());
                SafeTensors.Save(Path.Combine(folder, OptimizerFile), AdamWState.Export(optimizer));
            }
            File.WriteAllText(Path.Combine(folder, CheckpointInfo.StateFile),
                JsonSerializer.Serialize(new AutoencoderTrainerState(Step, settings.Seed, loss, model.vae.ScalingFactor)));
        });

    /// <summary>Continues from a checkpoint of this trainer: weights, optimizer moments, step.</summary>
    public void Restore(CheckpointInfo checkpoint)
    {
        var state = JsonSerializer.Deserialize<AutoencoderTrainerState>(File.ReadAllText(checkpoint.StatePath))
            ?? throw new InvalidDataException($"{checkpoint.StatePath} is empty.");
        if (state.Seed != settings.Seed) throw new InvalidOperationException($"checkpoint was trained with seed {state.Seed}, this run has {settings.Seed}");
        using (NewDisposeScope())
        {
            model.load_state_dict(SafeTensors.Load(checkpoint.ModelPath));
            AdamWState.Import(optimizer, SafeTensors.Load(Path.Combine(checkpoint.Directory, OptimizerFile)));
        }
        Step = state.Step;
        schedule.Restore(Step);
    }

    public void Dispose() => optimizer.Dispose();
}
