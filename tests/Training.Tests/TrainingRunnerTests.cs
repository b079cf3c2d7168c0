using MedVid.Diffusion;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Engine.Serialization;
using MedVid.Training.Data;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Training.Recipes;
using MedVid.Training.Probes;
using MedVid.Training.Runs;
using MedVid.Video;
using static TorchSharp.torch;

namespace MedVid.Training.Tests;

/// <summary>Whole runs of the tiny model on phantom clips, on the CPU: recipes, resume, LoRA export, the VAE hand-over.</summary>
[Collection(PhantomClipsCollection.Name)]
public sealed class TrainingRunnerTests(PhantomClips phantoms) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("medvid-runs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RunSettings Settings(long steps, int checkpointEvery, params (string Name, double Value)[] extra)
    {
        var values = new Dictionary<string, double>
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 1e-3, ["warmup_steps"] = 2, ["vae_steps"] = 3,
            ["checkpoint_every"] = checkpointEvery, ["keep_checkpoints"] = 5, ["sample_steps"] = 2, ["seed"] = 9,
        };
        foreach (var (name, value) in extra) values[name] = value;
        return new RunSettings(values, steps);
    }

    private RunInputs Inputs(string recipe, RunSettings settings, string name, string? baseFolder = null, string? vaeFolder = null) =>
        new(RecipeCatalog.Get(recipe), "tiny", settings, phantoms.Clips, Path.Combine(_root, name), baseFolder, vaeFolder);

    private static Task<double> RunAsync(RunInputs inputs, IRunObserver? observer = null, CancellationToken ct = default) =>
        new TrainingRunner(TimeProvider.System).RunAsync(inputs, observer ?? new RecordingObserver(), ct);

    /// <summary>Exactly equal values (allclose with zero tolerances).</summary>
    private static bool Same(Tensor a, Tensor b) => a.allclose(b, 0, 0);

    private static Dictionary<string, Tensor> Weights(string folder) => SafeTensors.Load(Path.Combine(folder, CheckpointInfo.ModelFile));

    [Fact]
    public async Task A_run_cancelled_after_a_checkpoint_and_resumed_ends_bit_identical_to_an_uninterrupted_run()
    {
        await RunAsync(Inputs("standard", Settings(6, 3), "whole"));

        using var cancel = new CancellationTokenSource();
        var stopper = new RecordingObserver { OnCheckpoint = _ => cancel.Cancel() };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Inputs("standard", Settings(6, 3), "split"), stopper, cancel.Token));
        Assert.Equal([3L], new CheckpointStore(Path.Combine(_root, "split")).List().Select(c => c.Step));
        var resumed = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(6, 3), "split"), resumed);
        Assert.DoesNotContain(resumed.Steps, s => s.Stage == "vae"); // the VAE came back with the checkpoint
        Assert.Equal([4L, 5L, 6L], resumed.Steps.Select(s => s.Step));

        using var scope = NewDisposeScope();
        var whole = Weights(new CheckpointStore(Path.Combine(_root, "whole")).Latest()!.Directory);
        var split = Weights(new CheckpointStore(Path.Combine(_root, "split")).Latest()!.Directory);
        Assert.Equal(whole.Keys.Order(), split.Keys.Order());
        foreach (var (name, value) in whole) Assert.True(Same(value, split[name]), $"{name} differs after resume");
    }

    [Fact]
    public async Task A_preempted_run_checkpoints_at_the_step_it_stopped_and_resumes_bit_identical_to_an_uninterrupted_run()
    {
        await RunAsync(Inputs("standard", Settings(6, 3), "whole"));

        using var preempt = new CancellationTokenSource();
        var stopped = new RecordingObserver { OnStep = (stage, step) => { if (stage == "diffusion" && step == 4) preempt.Cancel(); } };
        var inputs = Inputs("standard", Settings(6, 3), "preempted") with { Preemption = preempt.Token };
        var e = await Assert.ThrowsAsync<RunPreemptedException>(() => RunAsync(inputs, stopped));
        Assert.Equal(("diffusion", 4L), (e.Stage, e.Step));
        Assert.Equal([3L, 4L], new CheckpointStore(Path.Combine(_root, "preempted")).List().Select(c => c.Step));
        Assert.Empty(stopped.Checkpoints.Single(c => c.Step == 4).Samples); // written to resume from, quickly

        var resumed = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(6, 3), "preempted"), resumed);
        Assert.Equal([5L, 6L], resumed.Steps.Select(s => s.Step));
        using var scope = NewDisposeScope();
        var whole = Weights(new CheckpointStore(Path.Combine(_root, "whole")).Latest()!.Directory);
        var split = Weights(new CheckpointStore(Path.Combine(_root, "preempted")).Latest()!.Directory);
        foreach (var (name, value) in whole) Assert.True(Same(value, split[name]), $"{name} differs after the preemption");
    }

    [Fact]
    public async Task A_run_preempted_in_its_vae_stage_continues_that_stage_from_its_checkpoint_bit_identical()
    {
        await RunAsync(Inputs("standard", Settings(2, 3), "vae-whole"));

        using var preempt = new CancellationTokenSource();
        var observer = new RecordingObserver { OnStep = (stage, step) => { if (stage == "vae" && step == 2) preempt.Cancel(); } };
        var inputs = Inputs("standard", Settings(2, 3), "vae-preempted") with { Preemption = preempt.Token };
        var e = await Assert.ThrowsAsync<RunPreemptedException>(() => RunAsync(inputs, observer));
        Assert.Equal(("vae", 2L), (e.Stage, e.Step));
        Assert.Empty(new CheckpointStore(Path.Combine(_root, "vae-preempted")).List()); // not one of the run's checkpoints
        Assert.Equal([2L], new CheckpointStore(Path.Combine(_root, "vae-preempted", TrainingRunner.VaeStageFolder)).List().Select(c => c.Step));
        Assert.Equal([2L], observer.VaeStageCheckpoints);
        Assert.Empty(observer.Checkpoints);

        var resumed = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(2, 3), "vae-preempted"), resumed);
        Assert.Equal([("vae", 3L), ("diffusion", 1L), ("diffusion", 2L)], resumed.Steps.Select(s => (s.Stage, s.Step)));
        Assert.Empty(resumed.VaeStageCheckpoints); // none at the end of the stage: the run's checkpoints hold the VAE
        using var scope = NewDisposeScope();
        var whole = Weights(new CheckpointStore(Path.Combine(_root, "vae-whole")).Latest()!.Directory);
        var split = Weights(new CheckpointStore(Path.Combine(_root, "vae-preempted")).Latest()!.Directory);
        foreach (var (name, value) in whole) Assert.True(Same(value, split[name]), $"{name} differs after the VAE-stage preemption");
    }

    [Fact]
    public async Task Bora_modal_alignment_leaves_temporal_attention_untouched_and_trains_the_rest()
    {
        await RunAsync(Inputs("bora-modal-alignment", Settings(2, 1), "bora"));
        using var scope = NewDisposeScope();
        var checkpoints = new CheckpointStore(Path.Combine(_root, "bora")).List();
        var (first, last) = (Weights(checkpoints[0].Directory), Weights(checkpoints[^1].Directory));
        var temporal = first.Keys.Where(k => k.Contains(".attn_temp.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(temporal);
        foreach (var name in temporal) Assert.True(Same(first[name], last[name]), $"{name} changed while frozen");
        Assert.False(Same(first["dit.blocks.0.attn.qkv.weight"], last["dit.blocks.0.attn.qkv.weight"]), "spatial attention did not train");
        Assert.DoesNotContain(TrainerState.Read(checkpoints[^1]).TrainableParameters, n => n.Contains(".attn_temp.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Medgen_lora_keeps_the_base_weights_exports_adapters_and_a_merged_model_that_generates()
    {
        await RunAsync(Inputs("standard", Settings(3, 3, ("number_values", 1), ("number_digits", 0)), "base")); // three steps: the text path gets gradients once the zero output layers moved
        var baseFolder = new CheckpointStore(Path.Combine(_root, "base")).Latest()!.Directory;
        await RunAsync(Inputs("medgen-lora", Settings(3, 3, ("lora_rank", 4), ("lora_alpha", 4)), "lora", baseFolder: baseFolder));
        var lora = new CheckpointStore(Path.Combine(_root, "lora")).Latest()!;

        using (NewDisposeScope())
        {
            var before = CheckpointWeights.Load(baseFolder);
            var after = SafeTensors.Load(lora.ModelPath);
            foreach (var name in before.Keys.Where(k => k.StartsWith("dit.", StringComparison.Ordinal) && !k.Contains("lora_", StringComparison.Ordinal)))
                Assert.True(Same(before[name], after[name]), $"base weight {name} changed under LoRA");
            var adapters = SafeTensors.Load(Path.Combine(lora.Directory, ModelManifest.AdaptersFileName));
            Assert.NotEmpty(adapters);
            Assert.All(adapters.Keys, k => Assert.Contains("lora_", k));
            Assert.Equal(4, adapters.First(kv => kv.Key.EndsWith("lora_A", StringComparison.Ordinal)).Value.shape[0]);
        }
        Assert.True(File.Exists(Path.Combine(lora.Directory, ModelManifest.MergedFileName)));

        using var model = CheckpointWeights.BuildForInference(lora.Directory);
        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("lora_", StringComparison.Ordinal));
        // The pooled-text path (on by default) and the numbers' values (on in the base run) survive the LoRA merge and
        // are built back from model.json, with the trained number weights.
        var merged = ModelManifest.Read(lora.Directory).Manifest;
        Assert.True(merged.PooledText && merged.NumberValues && !merged.NumberDigits);
        Assert.NotNull(model.dit.pooled_text_projection);
        using (NewDisposeScope())
        {
            var trained = CheckpointWeights.Load(baseFolder)["text.number_embedding.projection.weight"];
            Assert.True(trained.abs().sum().ToDouble() > 0, "the numbers of the phantom captions did not train the number embedding");
            Assert.True(Same(trained, model.text.number_embedding!.projection.weight!));
            // Digits read by value alone: the shared digit embedding trained and came back too.
            var numberToken = CheckpointWeights.Load(baseFolder)["text.number_token"];
            Assert.True(numberToken.abs().sum().ToDouble() > 0, "the shared digit embedding did not train");
            Assert.True(Same(numberToken, model.text.number_token!));
        }
        using var video = VideoSynthesis.Sample(model, new VideoRequest("a video", 1, "ddim", 2, 2.0, 0, "leading", 4, 32, 32), null, CancellationToken.None);
        Assert.Equal([3L, 4, 32, 32], video.shape);
    }

    [Fact]
    public async Task A_vae_run_hands_its_autoencoder_to_a_diffusion_run_which_then_skips_the_vae_stage()
    {
        await RunAsync(Inputs("vae", Settings(2, 2), "vae"));
        var vaeFolder = new CheckpointStore(Path.Combine(_root, "vae")).Latest()!.Directory;
        var observer = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(1, 1), "diffusion", vaeFolder: vaeFolder), observer);
        Assert.All(observer.Steps, s => Assert.Equal("diffusion", s.Stage));

        using var scope = NewDisposeScope();
        var vae = Weights(vaeFolder);
        var diffusion = Weights(new CheckpointStore(Path.Combine(_root, "diffusion")).Latest()!.Directory);
        foreach (var name in vae.Keys.Where(k => k.StartsWith("vae.", StringComparison.Ordinal)))
            Assert.True(Same(vae[name], diffusion[name]), $"{name} differs from the VAE run's");
        Assert.NotEqual(1.0, vae["vae.scaling_factor"].ToDouble()); // calibrated on the clips
    }

    [Fact]
    public async Task Runs_sharing_one_clip_cache_train_exactly_as_runs_that_decode_their_own()
    {
        var alone = await RunAsync(Inputs("vae", Settings(2, 2), "vae-alone"));
        using var cache = new DecodedClipCache();
        var shared = await RunAsync(Inputs("vae", Settings(2, 2), "vae-shared") with { ClipCache = cache });
        Assert.Equal(alone, shared);

        // Two diffusion runs at the same time on the cache (the phantom bench's side by side runs) and one without it.
        var vaeFolder = new CheckpointStore(Path.Combine(_root, "vae-shared")).Latest()!.Directory;
        var conditional = RunAsync(Inputs("standard", Settings(2, 2), "conditional", vaeFolder: vaeFolder) with { ClipCache = cache });
        var unconditional = RunAsync(Inputs("standard", Settings(2, 2, ("caption_dropout", 1.0)), "unconditional", vaeFolder: vaeFolder) with { ClipCache = cache });
        var own = await RunAsync(Inputs("standard", Settings(2, 2), "own", vaeFolder: vaeFolder));
        Assert.Equal(own, await conditional);
        Assert.True(double.IsFinite(await unconditional));
        Assert.NotNull(new CheckpointStore(Path.Combine(_root, "unconditional")).Latest());
    }

    [Fact]
    public async Task A_vae_run_serves_every_size_with_the_same_vae_and_no_other()
    {
        await RunAsync(Inputs("vae", Settings(1, 1), "vae-4x") with { ModelSize = "tiny-4x" });
        var vaeFolder = new CheckpointStore(Path.Combine(_root, "vae-4x")).Latest()!.Directory;

        // mini-4x shares tiny-4x's VAE: its diffusion run starts from it.
        await RunAsync(Inputs("standard", Settings(1, 1), "mini-4x", vaeFolder: vaeFolder) with { ModelSize = "mini-4x" });
        using (NewDisposeScope())
            Assert.True(Same(Weights(vaeFolder)["vae.scaling_factor"], Weights(new CheckpointStore(Path.Combine(_root, "mini-4x")).Latest()!.Directory)["vae.scaling_factor"]));

        // tiny's VAE compresses 8x: refused before any training.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(Inputs("standard", Settings(1, 1), "tiny-on-4x", vaeFolder: vaeFolder)));
        Assert.Equal("The VAE run trained a 'tiny-4x' model, whose VAE differs from a 'tiny' model's. Use a VAE run of a size with the same VAE.", error.Message);
        var refused = Path.Combine(_root, "tiny-on-4x");
        Assert.Empty(Directory.Exists(refused) ? Directory.GetFileSystemEntries(refused) : []);
    }

    [Fact]
    public async Task Checkpoints_carry_model_json_tokenizer_and_sample_videos_and_a_different_size_base_is_refused()
    {
        var observer = new RecordingObserver();
        await RunAsync(Inputs("medsora-joint", Settings(2, 2, ("joint_images", 2)), "joint"), observer);
        var checkpoint = new CheckpointStore(Path.Combine(_root, "joint")).Latest()!;
        var (manifest, tokenizer) = ModelManifest.Read(checkpoint.Directory);
        Assert.Equal(("tiny", "medsora-joint", 4, 32), (manifest.Size, manifest.Recipe, manifest.Frames, manifest.Resolution));
        // model.json holds what describes the model, nothing derived from it.
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint.Directory, ModelManifest.FileName))))
            Assert.Equal(["size", "recipe", "frames", "resolution", "fps", "lora", "pooledText", "predictionType", "zeroTerminalSnr", "numberValues", "frameNoiseShare", "numberDigits"],
                json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(tokenizer.VocabularySize > 4);
        var samples = Assert.Single(observer.Checkpoints).Samples;
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.True(new FileInfo(s).Length > 0));

        var wrongSize = Inputs("bora-instruction-tuning", Settings(1, 1), "wrong", baseFolder: checkpoint.Directory) with { ModelSize = "small" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(wrongSize));
        Assert.Equal("The base run trained a 'tiny' model; this run is 'small'. Use the same model size.", error.Message);
    }

    [Fact]
    public async Task A_tiny_4x_run_trains_on_quarter_side_latents_and_its_checkpoint_generates_a_video_of_the_run_size()
    {
        var observer = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(2, 2), "tiny-4x") with { ModelSize = "tiny-4x" }, observer);
        var checkpoint = new CheckpointStore(Path.Combine(_root, "tiny-4x")).Latest()!;
        Assert.Equal("tiny-4x", ModelManifest.Read(checkpoint.Directory).Manifest.Size);

        using var model = CheckpointWeights.BuildForInference(checkpoint.Directory);
        Assert.Equal((4, 8), (model.vae.Config.SpatialCompression, model.LatentSide(32)));
        var request = new VideoRequest("an echocardiogram", 1, "ddim", 2, 2.0, 0, "leading", 4, 32, 32);
        var file = Path.Combine(_root, "tiny-4x.mp4");
        await VideoSynthesis.WriteAsync(model, request, 8, file, request, null, CancellationToken.None);
        var info = await VideoProbe.ProbeAsync(file);
        Assert.Equal((32, 32, 4L), (info.Width, info.Height, info.FrameCount));
    }

    [Fact]
    public async Task The_prompt_effect_is_measured_every_probe_every_steps_and_the_same_weights_give_the_same_value()
    {
        var observer = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(4, 4, ("probe_every", 2)), "probe"), observer);
        Assert.Equal([2L, 4L], observer.PromptEffects.Select(p => p.Step));
        var last = observer.PromptEffects[^1].Effect;
        Assert.True(last.BetweenModalities > 0 && last.VersusEmpty > 0, $"the text changed nothing: {last}");
        // The phantoms' captions state their heart rates and counts, so the stated-number effect is measured.
        Assert.True(last.StatedValue is > 0 and < double.PositiveInfinity, $"no stated-number effect: {last}");

        var checkpoint = new CheckpointStore(Path.Combine(_root, "probe")).Latest()!;
        using var scope = NewDisposeScope();
        using var model = CheckpointWeights.BuildForInference(checkpoint.Directory);
        using var schedule = new MedVid.Diffusion.NoiseSchedule();
        var latents = randn([phantoms.Clips.Count, 4, 4, 4, 4], generator: new Generator(1));
        PromptEffect Measure(ulong seed)
        {
            using var probe = PromptEffectProbe.Create(model, schedule, latents, phantoms.Clips, seed);
            return probe.Measure();
        }
        Assert.Equal(Measure(5), Measure(5));
        Assert.NotEqual(Measure(5), Measure(6));

        // Without the pooled path or the numbers' values a run builds, checkpoints and reloads the model without them.
        await RunAsync(Inputs("standard", Settings(1, 1, ("pooled_text", 0), ("number_values", 0), ("probe_every", 0)), "cross-only"), observer);
        var crossOnly = new CheckpointStore(Path.Combine(_root, "cross-only")).Latest()!.Directory;
        var (crossOnlyManifest, _) = ModelManifest.Read(crossOnly);
        Assert.False(crossOnlyManifest.PooledText || crossOnlyManifest.NumberValues);
        using var reloaded = CheckpointWeights.BuildForInference(crossOnly);
        Assert.Null(reloaded.dit.pooled_text_projection);
        Assert.Null(reloaded.text.number_embedding);
    }

    [Fact]
    public async Task A_v_prediction_zero_terminal_snr_frame_shared_noise_model_keeps_all_three_through_checkpoints_and_a_lora_merge()
    {
        var observer = new RecordingObserver();
        await RunAsync(Inputs("standard", Settings(2, 2, ("v_prediction", 1), ("zero_terminal_snr", 1), ("frame_noise_share", 0.5), ("probe_every", 1)), "v-base"), observer);
        var baseCheckpoint = new CheckpointStore(Path.Combine(_root, "v-base")).Latest()!;
        var baseManifest = ModelManifest.Read(baseCheckpoint.Directory).Manifest;
        Assert.Equal((PredictionType.V, true, 0.5), (baseManifest.PredictionType, baseManifest.ZeroTerminalSnr, baseManifest.FrameNoiseShare));
        var state = TrainerState.Read(baseCheckpoint);
        Assert.Equal((PredictionType.V, true, 0.5), (state.Config.Prediction, state.Schedule.ZeroTerminalSnr, state.Schedule.FrameNoiseShare));
        // At step 1 the zero-initialised output layer still gives every prompt the same output; by step 2 it must not.
        var last = observer.PromptEffects[^1].Effect;
        Assert.True(last.HighNoiseBetweenModalities is > 0 and < double.PositiveInfinity, $"{last}");

        // A LoRA run on top names none of the settings: it keeps its base's, and the merged export records them.
        await RunAsync(Inputs("medgen-lora", Settings(1, 1, ("lora_rank", 4), ("lora_alpha", 4)), "v-lora", baseFolder: baseCheckpoint.Directory));
        var lora = new CheckpointStore(Path.Combine(_root, "v-lora")).Latest()!;
        Assert.True(File.Exists(Path.Combine(lora.Directory, ModelManifest.MergedFileName)));
        Assert.Equal(PredictionType.V, TrainerState.Read(lora).Config.Prediction);
        using var model = CheckpointWeights.BuildForInference(lora.Directory);
        Assert.Equal((PredictionType.V, true, 0.5), (model.Prediction, model.Schedule.ZeroTerminalSnr, model.Schedule.FrameNoiseShare));
        using (var video = VideoSynthesis.Sample(model, new VideoRequest("a video", 1, "ddim", 2, 2.0, 0, "leading", 4, 32, 32), null, CancellationToken.None))
            Assert.True(double.IsFinite(video.abs().max().item<float>()), "the sampled video is not finite");

        // A model.json written before the fields existed reads as an ε model on the plain schedule with independent noise,
        // whose numbers keep their digits.
        var path = Path.Combine(lora.Directory, ModelManifest.FileName);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node["numberDigits"] = false;
        File.WriteAllText(path, node.ToJsonString());
        Assert.False(ModelManifest.Read(lora.Directory).Manifest.ModelSize.Text.NumberDigits);
        node.Remove("predictionType");
        node.Remove("zeroTerminalSnr");
        node.Remove("frameNoiseShare");
        node.Remove("numberDigits");
        File.WriteAllText(path, node.ToJsonString());
        var old = ModelManifest.Read(lora.Directory).Manifest;
        Assert.Equal((PredictionType.Epsilon, new NoiseScheduleConfig(), true), (old.PredictionType, old.Schedule, old.NumberDigits));
    }

    private sealed class RecordingObserver : IRunObserver
    {
        public List<(string Stage, long Step, double Loss)> Steps { get; } = [];
        public List<(long Step, IReadOnlyList<string> Samples)> Checkpoints { get; } = [];
        public Action<CheckpointInfo>? OnCheckpoint { get; init; }

        public List<(long Step, PromptEffect Effect)> PromptEffects { get; } = [];

        public Action<string, long>? OnStep { get; init; }

        public void StepCompleted(string stage, TrainingReport report, long totalSteps, double etaSeconds)
        {
            Steps.Add((stage, report.Step, report.Loss));
            OnStep?.Invoke(stage, report.Step);
        }

        public void PromptEffectMeasured(long step, PromptEffect effect) => PromptEffects.Add((step, effect));

        public Task CheckpointSavedAsync(CheckpointInfo checkpoint, IReadOnlyList<string> sampleVideos, CancellationToken ct)
        {
            Checkpoints.Add((checkpoint.Step, sampleVideos));
            OnCheckpoint?.Invoke(checkpoint);
            return Task.CompletedTask;
        }

        public List<long> VaeStageCheckpoints { get; } = [];

        public Task VaeStageCheckpointSavedAsync(CheckpointInfo checkpoint, CancellationToken ct)
        {
            VaeStageCheckpoints.Add(checkpoint.Step);
            return Task.CompletedTask;
        }
    }
}
