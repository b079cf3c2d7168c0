using MedVid.Contracts.Training;
using MedVid.Diffusion;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Engine.Serialization;
using MedVid.Models;
using MedVid.Models.Lora;
using MedVid.Models.Text;
using MedVid.Training.Data;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Training.Probes;
using MedVid.Training.Recipes;
using static TorchSharp.torch;

namespace MedVid.Training.Runs;

/// <summary>
/// Executes one training run on local files: builds the model (from scratch, a base checkpoint, or with another run's
/// VAE), applies the recipe (frozen patterns, LoRA, caption template, joint images), trains the VAE when the run has none,
/// caches the clips' latents, trains the denoiser with checkpoints and sample videos, and resumes from the newest
/// checkpoint already in <see cref="RunInputs.CheckpointRoot"/>. Returns the last loss.
/// </summary>
public sealed class TrainingRunner(TimeProvider clock)
{
    /// <summary>The folder under the checkpoint root where a diffusion run's VAE stage keeps its checkpoint.</summary>
    public const string VaeStageFolder = "vae-stage";

    private const RandomStream InitStream = (RandomStream)105;
    private const RandomStream LatentStream = (RandomStream)104;

    public async Task<double> RunAsync(RunInputs inputs, IRunObserver observer, CancellationToken ct)
    {
        var settings = inputs.Settings;
        var recipe = inputs.Recipe;
        var captions = inputs.Clips.Select(c => c.Caption).ToList();
        var baseModel = inputs.BaseCheckpointFolder is { } baseFolder ? ModelManifest.Read(baseFolder) : default;
        var tokenizer = baseModel.Tokenizer ?? CaptionTokenizer.Build(captions);
        // A fine-tuning run keeps its base model's architecture and parameterization; a new model takes the run's settings.
        var pooledText = baseModel.Manifest?.PooledText ?? settings.PooledText;
        var numberValues = baseModel.Manifest?.NumberValues ?? settings.NumberValues;
        var numberDigits = baseModel.Manifest?.NumberDigits ?? settings.NumberDigits;
        var prediction = baseModel.Manifest?.PredictionType ?? settings.Prediction;
        var zeroTerminalSnr = baseModel.Manifest?.ZeroTerminalSnr ?? settings.ZeroTerminalSnr;
        var frameNoiseShare = baseModel.Manifest?.FrameNoiseShare ?? settings.FrameNoiseShare;
        using var init = new Generator(SeedMixer.Mix(settings.Seed, InitStream, 0));
        var manifest = new ModelManifest(inputs.ModelSize, recipe.Name, settings.Frames, settings.Resolution, settings.Fps,
            recipe.UsesLora ? new LoraSettings(settings.LoraRank, settings.LoraAlpha, settings.LoraMerge) : null, pooledText, prediction, zeroTerminalSnr, numberValues, frameNoiseShare, numberDigits);
        using var model = new TextToVideoModel(manifest.ModelSize, tokenizer, init)
        {
            Prediction = prediction,
            Schedule = manifest.Schedule,
        };
        LoadStartingWeights(model, inputs);
        model.to(inputs.Device);

        using var clips = await LoadClipsAsync(inputs, ct);
        var store = new CheckpointStore(inputs.CheckpointRoot, settings.KeepCheckpoints);
        var stages = inputs.Stages;
        if (stages.DiffusionSteps == 0)
            return await TrainAutoencoderAsync(model, clips, settings, store, manifest, observer, stages.VaeSteps, inputs.Preemption, ct);

        // The diffusion stage's checkpoints hold the trained VAE: a resumed run with one has finished its VAE stage.
        // Until then the VAE stage keeps its own checkpoints (VaeStageFolder, the newest only), so a run preempted or
        // whose host was lost there continues its VAE training instead of starting it over.
        if (stages.HasVaeStage && store.Latest() is null)
        {
            var vaeStage = new CheckpointStore(Path.Combine(inputs.CheckpointRoot, VaeStageFolder), keepLast: 1);
            await TrainAutoencoderAsync(model, clips, settings, vaeStage, manifest, observer, stages.VaeSteps, inputs.Preemption, ct, vaeStageOfDiffusionRun: true);
        }
        return await TrainDiffusionAsync(model, clips, captions, inputs, manifest, store, observer, ct);
    }

    private static void LoadStartingWeights(TextToVideoModel model, RunInputs inputs)
    {
        using var scope = NewDisposeScope();
        if (inputs.BaseCheckpointFolder is { } baseFolder)
        {
            RequireSameSize(baseFolder, inputs.ModelSize, "base run");
            model.load_state_dict(CheckpointWeights.Load(baseFolder));
        }
        else if (inputs.VaeCheckpointFolder is { } vaeFolder)
        {
            RequireSameVae(vaeFolder, inputs.ModelSize);
            var vaeWeights = SafeTensors.Load(Path.Combine(vaeFolder, CheckpointInfo.ModelFile))
                .Where(kv => kv.Key.StartsWith("vae.", StringComparison.Ordinal)).ToDictionary();
            model.load_state_dict(vaeWeights, strict: false);
        }
    }

    private static void RequireSameSize(string folder, string size, string role)
    {
        var (manifest, _) = ModelManifest.Read(folder);
        if (manifest.Size != size)
            throw new InvalidOperationException($"The {role} trained a '{manifest.Size}' model; this run is '{size}'. Use the same model size.");
    }

    /// <summary>A VAE run of another size serves when the two sizes share their VAE (tiny-4x and mini-4x do).</summary>
    private static void RequireSameVae(string folder, string size)
    {
        var (manifest, _) = ModelManifest.Read(folder);
        if (!ModelSizes.Get(manifest.Size).Vae.SameArchitecture(ModelSizes.Get(size).Vae))
            throw new InvalidOperationException($"The VAE run trained a '{manifest.Size}' model, whose VAE differs from a '{size}' model's. Use a VAE run of a size with the same VAE.");
    }

    private static Task<Tensor> LoadClipsAsync(RunInputs inputs, CancellationToken ct)
    {
        var (clips, s) = (inputs.Clips, inputs.Settings);
        return inputs.ClipCache is { } cache
            ? cache.GetAsync(clips, s.Frames, s.Resolution, s.Fps, ct)
            : ClipTensors.LoadAllAsync(clips, s.Frames, s.Resolution, s.Fps, ct);
    }

    /// <summary>
    /// Trains the VAE to <paramref name="steps"/>, resuming from the newest checkpoint in <paramref name="store"/>. In a
    /// VAE run its checkpoints are the run's; in the VAE stage of a diffusion run they are only for resuming the stage
    /// (reported with <see cref="IRunObserver.VaeStageCheckpointSavedAsync"/>, none at the stage's end).
    /// </summary>
    private async Task<double> TrainAutoencoderAsync(TextToVideoModel model, Tensor clips, RunSettings settings, CheckpointStore store,
        ModelManifest manifest, IRunObserver observer, long steps, CancellationToken preemption, CancellationToken ct, bool vaeStageOfDiffusionRun = false)
    {
        using var trainer = new AutoencoderTrainer(model, clips, settings.Autoencoder);
        if (store.Latest() is { } latest) trainer.Restore(latest);
        var eta = new EtaEstimator(clock);
        var loss = double.NaN;
        while (trainer.Step < steps)
        {
            ct.ThrowIfCancellationRequested();
            var report = trainer.TrainStep();
            loss = report.Loss;
            observer.StepCompleted(TrainingStages.Vae, report, steps, eta.Update(report.Step, steps));
            var preempted = preemption.IsCancellationRequested && trainer.Step < steps;
            // The VAE stage of a diffusion run saves none at its end: the diffusion stage's checkpoints hold the VAE.
            var save = preempted || (trainer.Step == steps ? !vaeStageOfDiffusionRun : trainer.Step % settings.CheckpointEvery == 0);
            if (save)
            {
                trainer.CalibrateScalingFactor();
                var checkpoint = trainer.SaveCheckpoint(store, loss);
                manifest.Write(checkpoint.Directory, model.text.Tokenizer);
                if (vaeStageOfDiffusionRun) await observer.VaeStageCheckpointSavedAsync(checkpoint, ct);
                else await observer.CheckpointSavedAsync(checkpoint, [], ct);
            }
            if (preempted) throw new RunPreemptedException(TrainingStages.Vae, trainer.Step);
        }
        trainer.CalibrateScalingFactor();
        model.vae.requires_grad_(false);
        return loss;
    }

    private async Task<double> TrainDiffusionAsync(TextToVideoModel model, Tensor clips, IReadOnlyList<string> captions, RunInputs inputs,
        ModelManifest manifest, CheckpointStore store, IRunObserver observer, CancellationToken ct)
    {
        var settings = inputs.Settings;
        var recipe = inputs.Recipe;
        model.vae.requires_grad_(false);
        if (recipe.FrozenParameterPatterns.Count > 0) Freezing.Freeze(model, [.. recipe.FrozenParameterPatterns]);
        if (manifest.Lora is { } lora)
        {
            Freezing.FreezeAll(model);
            using var loraInit = new Generator(SeedMixer.Mix(settings.Seed, InitStream, 1));
            LoraAdapters.Attach(model.dit, new LoraConfig(lora.Rank, lora.Alpha), loraInit);
        }

        using var schedule = new NoiseSchedule(model.Schedule);
        var nullConditioning = NullConditioning(model);
        using var nullTokens = nullConditioning.Tokens;
        using var nullMask = nullConditioning.Mask;
        using var trainer = new DiffusionTrainer(model, model, schedule, nullConditioning, settings.Diffusion with { Prediction = model.Prediction });
        // Restore before encoding: the checkpoint holds the VAE the latents must come from (its training was skipped).
        trainer.ResumeFromLatest(store);
        using var latents = EncodeLatents(model, clips, settings);
        var data = new CaptionedLatentDataset(latents, captions, model, settings.Seed, settings.CaptionDropout,
            recipe.UsesJointImages ? settings.JointImages : 0, () => trainer.Step);

        using var probe = settings.ProbeEvery > 0 ? PromptEffectProbe.Create(model, schedule, latents, inputs.Clips, settings.Seed) : null;
        var batches = trainer.BatchSamplerFor(data);
        var eta = new EtaEstimator(clock);
        var samplePrompts = SamplePrompts(inputs.Clips, settings.PhantomReadout);
        var loss = double.NaN;
        while (trainer.Step < settings.TotalSteps)
        {
            ct.ThrowIfCancellationRequested();
            TrainingReport report;
            using (NewDisposeScope())
            {
                var batch = data.GetBatch(batches.IndicesFor(trainer.Step));
                report = trainer.TrainStep(batch.Latents, batch.Conditioning);
            }
            loss = report.Loss;
            var last = trainer.Step == settings.TotalSteps;
            // Before the step's report, so that the report (and every one after it) can carry the measurement.
            if (probe is not null && (trainer.Step % settings.ProbeEvery == 0 || last)) observer.PromptEffectMeasured(trainer.Step, probe.Measure());
            observer.StepCompleted(TrainingStages.Diffusion, report, settings.TotalSteps, eta.Update(report.Step, settings.TotalSteps));
            var preempted = inputs.Preemption.IsCancellationRequested && !last;
            if (trainer.Step % settings.CheckpointEvery != 0 && !last && !preempted) continue;
            var checkpoint = trainer.SaveCheckpoint(store, report);
            manifest.Write(checkpoint.Directory, model.text.Tokenizer);
            if (preempted)
            {
                // Give the GPUs back quickly: no sample videos for a checkpoint written only to resume from.
                await observer.CheckpointSavedAsync(checkpoint, [], ct);
                throw new RunPreemptedException(TrainingStages.Diffusion, trainer.Step);
            }
            var merged = last && manifest.Lora is not null && ExportLora(model, trainer, checkpoint, manifest.Lora);
            var samples = await WriteSamplesAsync(model, trainer, checkpoint, samplePrompts, manifest, settings.SampleSteps, useEma: !merged, ct);
            await observer.CheckpointSavedAsync(checkpoint, samples, ct);
        }
        return loss;
    }

    /// <summary>
    /// What each checkpoint samples: the first two distinct captions, or for a phantom read-out the first caption of each
    /// modality (in name order), with the modality it asks for.
    /// </summary>
    public static IReadOnlyList<SamplePrompt> SamplePrompts(IReadOnlyList<TrainingClip> clips, bool perModality) => perModality
        ? [.. clips.GroupBy(c => c.Modality, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SamplePrompt(g.First().Caption, g.Key))]
        : [.. clips.Select(c => c.Caption).Distinct().Take(2).Select(c => new SamplePrompt(c, null))];

    /// <summary>Scaled posterior samples of every clip, drawn once from the run's seed: the run's latent cache.</summary>
    private static Tensor EncodeLatents(TextToVideoModel model, Tensor clips, RunSettings settings)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(SeedMixer.Mix(settings.Seed, LatentStream, 0));
        model.vae.eval();
        var parts = new List<Tensor>();
        using var scope = NewDisposeScope();
        for (long i = 0; i < clips.shape[0]; i += settings.BatchSize)
            parts.Add(model.vae.EncodeForDiffusion(clips.slice(0, i, Math.Min(i + settings.BatchSize, clips.shape[0]), 1).to(model.Device), generator).to(CPU));
        return cat(parts).MoveToOuterDisposeScope();
    }

    private static Conditioning NullConditioning(TextToVideoModel model)
    {
        using var noGrad = no_grad();
        return model.EncodePrompts([string.Empty]);
    }

    /// <summary>MedGen's export: the adapters alone, and when asked the EMA weights with the adapters folded in; returns whether it merged.</summary>
    private static bool ExportLora(TextToVideoModel model, DiffusionTrainer trainer, CheckpointInfo checkpoint, LoraSettings lora)
    {
        using var scope = NewDisposeScope();
        SafeTensors.Save(Path.Combine(checkpoint.Directory, ModelManifest.AdaptersFileName), LoraAdapters.AdapterStateDict(model.dit)
            .ToDictionary(kv => "dit." + kv.Key, kv => kv.Value));
        if (!lora.MergeOnExport) return false;
        trainer.Ema.CopyTo(model); // training is over: the live weights may become the averaged ones
        LoraAdapters.Merge(model.dit);
        SafeTensors.Save(Path.Combine(checkpoint.Directory, ModelManifest.MergedFileName), model.state_dict());
        return true;
    }

    /// <summary>
    /// Sample videos of the checkpoint from its EMA weights (the live weights are put back afterwards); after a LoRA
    /// merge the model already holds the averaged, merged weights and is sampled as it is.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WriteSamplesAsync(TextToVideoModel model, DiffusionTrainer trainer, CheckpointInfo checkpoint,
        IReadOnlyList<SamplePrompt> prompts, ModelManifest manifest, int samplingSteps, bool useEma, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(Path.Combine(checkpoint.Directory, "samples")).FullName;
        var live = useEma
            ? model.named_parameters().Where(p => p.parameter.requires_grad).ToDictionary(p => p.name, p => p.parameter.detach().clone())
            : [];
        try
        {
            if (useEma) trainer.Ema.CopyTo(model);
            var written = new List<string>();
            for (var i = 0; i < prompts.Count; i++)
            {
                var file = Path.Combine(folder, $"sample-{i}.mp4");
                var request = new VideoRequest(prompts[i].Caption, 1000 + i, SamplingVocabulary.Ddim, samplingSteps, 3.0, 0, SamplingVocabulary.Leading, manifest.Frames, manifest.Resolution, manifest.Resolution);
                await VideoSynthesis.WriteAsync(model, request, manifest.Fps, file, new SampleProvenance(request, checkpoint.Step, prompts[i].Modality), null, ct);
                written.Add(file);
            }
            return written;
        }
        finally
        {
            using var noGrad = no_grad();
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, value) in live)
            {
                parameters[name].copy_(value);
                value.Dispose();
            }
        }
    }
}
