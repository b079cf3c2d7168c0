using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Diffusion.Checkpoints;
using MedVid.Engine;
using MedVid.Models.Text;
using MedVid.Phantoms;
using MedVid.PhantomsBench;
using MedVid.Training.Data;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Training.Recipes;
using MedVid.Training.Runs;
using MedVid.Video;
using MedVid.Video.Tensors;
using static MedVid.PhantomsBench.BenchSteps;
using static TorchSharp.torch;

// Does a text-conditioned model follow its prompt? See docs/benchmarks-phantoms.md.
//   1. render a captioned training set of phantoms and held-out prompts (values never trained on)
//   2. train a VAE, then a conditional (caption dropout 0.1) and an unconditional (dropout 1.0) model of the same size,
//      side by side for the same time (or steps)
//   3. generate for the held-out prompts (DDIM + CFG for the conditional model; plain unconditional samples for the other)
//   4. read the parameters back with the phantom estimators; real phantoms are the ceiling
if (args.Length > 0 && args[0] == "augmentation") return await AugmentationBench.RunAsync(args[1..]);
var options = BenchOptions.Parse(args);
// The JSON line names the size; a model sampled again must be of the size it claims.
if (options.ConditionalFrom is { } sampledAgain && ModelManifest.Read(sampledAgain).Manifest.Size is var trainedSize && trainedSize != options.Size)
    throw new ArgumentException($"--conditional-from {sampledAgain} holds a '{trainedSize}' model: add --size {trainedSize}");
// A model sampled again samples with the noise it was trained on, whatever --frame-noise-share says; the JSON reports that.
var frameNoiseShare = options.ConditionalFrom is { } sampledModel ? ModelManifest.Read(sampledModel).Manifest.FrameNoiseShare : options.FrameNoiseShare;
var culture = CultureInfo.InvariantCulture;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("cancelling ...");
    cancel.Cancel();
};
var ct = cancel.Token;
set_num_threads(options.Threads ?? Environment.ProcessorCount);
var work = Directory.CreateTempSubdirectory("medvid-bench-phantoms-").FullName;
var total = Stopwatch.StartNew();
try
{
    Console.Error.WriteLine($"work folder {work}; size {options.Size}, {options.Resolution}px, {options.Frames} frames at {options.Fps} fps, threads {get_num_threads()}");

    // 1. Data.
    var heldOut = PromptSets.HeldOut(options.PromptsPerModality, options.Resolution, options.Frames, options.Fps, options.Seed);
    var training = PromptSets.Training(options.ClipsPerModality, options.Resolution, options.Frames, options.Fps, options.Seed, heldOut, options.ValueGrid);
    if (options.UnnamedAbsence)
    {
        heldOut = [.. heldOut.Select(PromptSets.WithUnnamedAbsence)];
        training = [.. training.Select(PromptSets.WithUnnamedAbsence)];
    }
    var clipFolder = Directory.CreateDirectory(Path.Combine(work, "clips")).FullName;
    var realFolder = Directory.CreateDirectory(Path.Combine(work, "real")).FullName;
    Console.Error.WriteLine($"rendering {training.Count} training clips and {heldOut.Count} held-out phantoms ...");
    var clips = new TrainingClip[training.Count];
    await Parallel.ForEachAsync(Enumerable.Range(0, training.Count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (i, token) =>
    {
        var file = Path.Combine(clipFolder, $"{i:D4}.mp4");
        await PhantomRenderer.RenderMp4Async(training[i].Target, file, token);
        clips[i] = new TrainingClip($"clip-{i:D4}", file, training[i].Prompt, training[i].Modality.BoraName(), options.Frames, options.Fps);
    });
    await Parallel.ForEachAsync(Enumerable.Range(0, heldOut.Count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (i, token) =>
        await PhantomRenderer.RenderMp4Async(heldOut[i].Target, Path.Combine(realFolder, $"{i:D4}.mp4"), token));

    // 2. Training: VAE once, shared by both diffusion models so that only the captions differ between them. The three
    // runs decode the clips once, into one cache.
    using var clipCache = new DecodedClipCache();
    var vaeBudget = options.VaeTimeBoxed ? options.VaeBudget : (TimeSpan?)null;
    var vaeObserver = new ProgressObserver("vae", vaeBudget);
    var vaeCheckpoint = options.VaeFrom is { } vaeFrom
        ? CheckpointAt(vaeFrom)
        : await TrainAsync(new RunInputs(RecipeCatalog.Get("vae"), options.Size,
                Settings(options, options.VaeBatchSize, options.VaeLearningRate, captionDropout: 0, options.VaeRunSteps, (int)options.VaeRunSteps),
                clips, Path.Combine(work, "vae"), null, null) { ClipCache = clipCache },
            vaeObserver, vaeBudget, ct);
    vaeObserver.Stop();
    var vaeUnused = vaeBudget is { } budget && budget > vaeObserver.Elapsed ? budget - vaeObserver.Elapsed : TimeSpan.Zero;
    Console.Error.WriteLine($"VAE: {vaeCheckpoint.Step} steps in {vaeObserver.Elapsed.TotalMinutes:0.0} min{(vaeUnused > TimeSpan.Zero ? $"; its {vaeUnused.TotalMinutes:0.0} unused minutes go to the diffusion models" : "")}");

    RunInputs Diffusion(string name, double captionDropout, long totalSteps) => new(RecipeCatalog.Get("standard"), options.Size,
        Settings(options, options.BatchSize, options.LearningRate, captionDropout, totalSteps, (int)totalSteps),
        clips, Path.Combine(work, name), null, vaeCheckpoint.Directory) { ClipCache = clipCache };
    var conditionalBudget = options.Steps is null ? options.ConditionalBudget(vaeUnused) : (TimeSpan?)null;
    var conditionalObserver = new ProgressObserver("conditional", conditionalBudget);
    var unconditionalObserver = new ProgressObserver("unconditional", options.TrainsSideBySide ? conditionalBudget : null);
    var diffusionClock = Stopwatch.StartNew();
    CheckpointInfo conditional;
    CheckpointInfo? unconditional = null;
    if (options.TrainsSideBySide)
    {
        // Each run on its own core: the unconditional one trains as long as the conditional one, to the same deadline or
        // step count, so it reaches about as many steps (the JSON keeps both counts).
        var threads = get_num_threads();
        set_num_threads(Math.Max(1, threads / 2));
        var conditionalRun = TrainAsync(Diffusion("conditional", options.CaptionDropout, options.Steps ?? UntilTheDeadline), conditionalObserver, conditionalBudget, ct);
        var unconditionalRun = TrainAsync(Diffusion("unconditional", 1.0, options.Steps ?? UntilTheDeadline), unconditionalObserver, conditionalBudget, ct);
        await Task.WhenAll(conditionalRun, unconditionalRun);
        (conditional, unconditional) = (conditionalRun.Result, unconditionalRun.Result);
        set_num_threads(threads);
    }
    else
    {
        conditional = options.ConditionalFrom is { } conditionalFrom
            ? CheckpointAt(conditionalFrom)
            : await TrainAsync(Diffusion("conditional", options.CaptionDropout, options.Steps ?? UntilTheDeadline), conditionalObserver, conditionalBudget, ct);
        conditionalObserver.Stop();
        if (!options.SkipUnconditional)
            unconditional = await TrainAsync(Diffusion("unconditional", 1.0, conditional.Step), unconditionalObserver, null, ct);
        unconditionalObserver.Stop();
    }
    diffusionClock.Stop();
    var steps = conditional.Step;
    Console.Error.WriteLine($"conditional: {steps} steps, unconditional: {unconditional?.Step.ToString(culture) ?? "-"} steps, in {diffusionClock.Elapsed.TotalMinutes:0.0} min");
    var trainingMinutes = vaeObserver.Elapsed + diffusionClock.Elapsed;

    // 3 and 4. Generate and score.
    var sampling = Stopwatch.StartNew();
    var realScores = new List<VideoScore>();
    for (var i = 0; i < heldOut.Count; i++)
        realScores.Add(Scoring.Score(heldOut[i], await DecodeAsync(Path.Combine(realFolder, $"{i:D4}.mp4"), options, ct), options.Fps));

    VaeReconstruction vae;
    using (var vaeModel = CheckpointWeights.BuildForInference(vaeCheckpoint.Directory))
        vae = await ReconstructAsync(vaeModel, heldOut, realFolder, work, options, ct);

    string[] unknownWords;
    List<VideoScore> conditionalScores, trainPromptScores, oneSeedScores;
    var oneSeedVideos = new List<float[]>();
    var trainPrompts = PromptSets.Modalities.SelectMany(m => training.Where(c => c.Modality == m).Take(options.PromptsPerModality)).ToList();
    using (var model = CheckpointWeights.BuildForInference(conditional.Directory))
    {
        unknownWords = heldOut.SelectMany(c => CaptionTokenizer.Split(c.Prompt)).Distinct()
            .Where(w => model.text.Tokenizer.Encode(w, 3)[1] == CaptionTokenizer.UnknownId).ToArray();
        conditionalScores = await GenerateAsync(model, "conditional", heldOut, p => p.Prompt, options.Guidance, Path.Combine(work, "conditional-videos"), options, ct);
        trainPromptScores = await GenerateAsync(model, "conditional-train", trainPrompts, p => p.Prompt, options.Guidance, Path.Combine(work, "conditional-train-videos"), options, ct);
        oneSeedScores = await GenerateAsync(model, "conditional-one-seed", heldOut, p => p.Prompt, options.Guidance, Path.Combine(work, "conditional-one-seed-videos"), options, ct,
            OneSeed, oneSeedVideos);
    }
    var attributeEffect = AttributeEffect.Measure(oneSeedScores, oneSeedVideos);
    List<VideoScore> unconditionalScores = [];
    if (unconditional is not null)
        using (var model = CheckpointWeights.BuildForInference(unconditional.Directory))
            unconditionalScores = await GenerateAsync(model, "unconditional", heldOut, _ => string.Empty, 1.0, Path.Combine(work, "unconditional-videos"), options, ct);

    // The automatic metrics on the same videos (issue 11): they should rank real and VAE closest, noise farthest.
    var heldOutVideos = await AutomaticMetrics.LoadAsync(realFolder, options, ct);
    var trainingVideos = (await AutomaticMetrics.LoadAsync(clipFolder, options, ct)).Take(heldOut.Count).ToList();
    var metricRows = new List<AutomaticMetrics.Row>
    {
        AutomaticMetrics.Evaluate("real training clips", "real_training", trainingVideos, heldOutVideos, trainingVideos),
        AutomaticMetrics.Evaluate("real through the VAE", "vae", await AutomaticMetrics.LoadAsync(Path.Combine(work, "vae-recon"), options, ct), heldOutVideos, trainingVideos),
        AutomaticMetrics.Evaluate("real through the VAE, sampled", "vae_sample", await AutomaticMetrics.LoadAsync(Path.Combine(work, "vae-sample-recon"), options, ct), heldOutVideos, trainingVideos),
        AutomaticMetrics.Evaluate("conditional, held-out prompts", "conditional", await AutomaticMetrics.LoadAsync(Path.Combine(work, "conditional-videos"), options, ct), heldOutVideos, trainingVideos),
    };
    if (unconditional is not null)
        metricRows.Add(AutomaticMetrics.Evaluate("unconditional (floor)", "unconditional", await AutomaticMetrics.LoadAsync(Path.Combine(work, "unconditional-videos"), options, ct), heldOutVideos, trainingVideos));
    metricRows.Add(AutomaticMetrics.Evaluate("uniform noise", "noise", AutomaticMetrics.Noise(heldOut.Count, options, options.Seed), heldOutVideos, trainingVideos));

    // Report.
    var rows = new (string Name, string Json, Scores Scores)[]
    {
        ("real phantoms (ceiling)", "real", Scoring.Aggregate(realScores)),
        ("real through the VAE", "vae", Scoring.Aggregate(vae.MeanScores)),
        ("real through the VAE, sampled", "vae_sample", Scoring.Aggregate(vae.SampleScores)),
        ("conditional, held-out prompts", "conditional", Scoring.Aggregate(conditionalScores)),
        ("conditional, training prompts", "conditional_train_prompts", Scoring.Aggregate(trainPromptScores)),
        ("conditional, held-out, one seed", "conditional_one_seed", Scoring.Aggregate(oneSeedScores)),
        ("unconditional (floor)", "unconditional", Scoring.Aggregate(unconditionalScores)),
    }.Where(r => r.Json != "unconditional" || unconditional is not null).ToArray();
    Console.WriteLine();
    Console.WriteLine($"held-out prompts ({heldOut.Count}); words unknown to the tokenizer: {(unknownWords.Length == 0 ? "none" : string.Join(' ', unknownWords))}");
    foreach (var (score, i) in conditionalScores.Select((s, i) => (s, i)))
        Console.WriteLine(string.Create(culture,
            $"  {i,2} {Describe(score.Case.Target),-28} real: {Read(realScores[i]),-26} conditional: {Read(score),-26} one seed: {Read(oneSeedScores[i]),-26} uncond: {(i < unconditionalScores.Count ? Read(unconditionalScores[i]) : "-")}"));
    Console.WriteLine();
    Console.WriteLine(string.Create(culture, $"{"videos",-32} {"n",3} {"modality",9} {"HR MAE",8} {"HR<=10",7} {"cell MAE",9} {"cell =",7} {"polyp",6} {"G/R",5}  classified as"));
    foreach (var (name, _, s) in rows)
        Console.WriteLine(string.Create(culture,
            $"{name,-32} {s.Videos,3} {s.ModalityAccuracy,9:0.00} {s.HeartRateMaeBpm,8:0.0} {s.HeartRateWithin10,7:0.00} {s.CellMae,9:0.00} {s.CellExact,7:0.00} {s.PolypAccuracy,6:0.00} {s.MucosaGreenRed,5:0.00}  {string.Join(' ', s.ClassifiedAs.Select(kv => $"{kv.Key}:{kv.Value}"))}"));
    Console.WriteLine(string.Create(culture,
        $"loss (mean of first / last tenth of steps): conditional {conditionalObserver.LossEnds.First:0.000} -> {conditionalObserver.LossEnds.Last:0.000}, unconditional {unconditionalObserver.LossEnds.First:0.000} -> {unconditionalObserver.LossEnds.Last:0.000}, VAE {vaeObserver.LossEnds.First:0.000} -> {vaeObserver.LossEnds.Last:0.000}"));
    Console.WriteLine(string.Create(culture,
        $"training {trainingMinutes.TotalMinutes:0.0} min (VAE {vaeCheckpoint.Step} steps, diffusion {steps} conditional and {unconditional?.Step.ToString(culture) ?? "no"} unconditional steps{(options.TrainsSideBySide ? ", side by side" : "")}), sampling and scoring {sampling.Elapsed.TotalMinutes:0.0} min, total {total.Elapsed.TotalMinutes:0.0} min"));
    Console.WriteLine(string.Create(culture,
        $"attribute effect (held-out prompts on one seed; relative video difference within a modality, 0 = the stated value is ignored): {string.Join(", ", attributeEffect.WithinModality.Select(kv => $"{kv.Key.BoraName()} {kv.Value:0.000}"))}; between modalities {attributeEffect.BetweenModalities:0.000}; rank correlation asked/read: heart rate {Rho(attributeEffect.HeartRateRank)}, cells {Rho(attributeEffect.CellRank)}"));
    Console.WriteLine(string.Create(culture, $"VAE posterior noise: mean sigma / std of the posterior means = {vae.PosteriorNoise:0.000}"));
    AutomaticMetrics.Print(metricRows, heldOutVideos, trainingVideos);
    if (options.Keep) Console.WriteLine($"videos kept in {work}");

    var summary = new Dictionary<string, object>
    {
        ["bench"] = "phantoms",
        ["size"] = options.Size,
        ["steps"] = steps,
        ["unconditional_steps"] = unconditional?.Step ?? 0,
        ["side_by_side"] = options.TrainsSideBySide,
        ["vae_steps"] = vaeCheckpoint.Step,
        ["minutes"] = Math.Round(trainingMinutes.TotalMinutes, 1),
        ["budget_minutes"] = options.Minutes,
        ["vae_share"] = options.VaeShare,
        ["vae_max_steps"] = options.VaeMaxSteps,
        ["resolution"] = options.Resolution,
        ["frames"] = options.Frames,
        ["fps"] = options.Fps,
        ["train_clips"] = training.Count,
        ["value_grid"] = options.ValueGrid,
        ["unnamed_absence"] = options.UnnamedAbsence,
        ["held_out_prompts"] = heldOut.Count,
        ["guidance"] = options.Guidance,
        ["guidance_rescale"] = options.GuidanceRescale,
        ["guidance_parallel"] = options.GuidanceParallel,
        ["guidance_interval"] = options.GuidanceInterval is { } guided ? $"{guided.From},{guided.To}" : "all",
        ["pooled_text"] = options.PooledText,
        ["number_values"] = options.NumberValues,
        ["number_digits"] = options.NumberDigits,
        ["caption_dropout"] = options.CaptionDropout,
        ["loss_weight_cap"] = options.LossWeightCap,
        ["v_prediction"] = options.VPrediction,
        ["zero_terminal_snr"] = options.ZeroTerminalSnr,
        ["spacing"] = options.ZeroTerminalSnr ? "trailing" : options.Spacing,
        ["frame_noise_share"] = frameNoiseShare,
        ["timestep_logit_std"] = options.TimestepLogitStd,
        ["motion_loss_weight"] = options.MotionLossWeight,
        ["vae_posterior_noise"] = Math.Round(vae.PosteriorNoise, 4),
        ["vae_from"] = options.VaeFrom ?? "",
        ["conditional_from"] = options.ConditionalFrom ?? "",
        ["sample_steps"] = options.SampleSteps,
        ["threads"] = get_num_threads(),
        ["unknown_words"] = unknownWords,
        ["loss"] = new Dictionary<string, double?>
        {
            ["conditional_last"] = Finite(conditionalObserver.LossEnds.Last),
            ["unconditional_last"] = Finite(unconditionalObserver.LossEnds.Last),
            ["vae_last"] = Finite(vaeObserver.LossEnds.Last),
        },
    };
    foreach (var (_, key, s) in rows) summary[key] = s.ToJson();
    summary["automatic_metrics"] = AutomaticMetrics.ToJson(metricRows);
    summary["attribute_effect"] = attributeEffect.ToJson();
    if (conditionalObserver.LastPromptEffect is var (effectStep, effect))
        summary["prompt_effect"] = new Dictionary<string, double?>
        {
            ["step"] = effectStep,
            ["between_modalities"] = effect.BetweenModalities is { } between ? Finite(between) : null,
            ["versus_empty"] = Finite(effect.VersusEmpty),
            ["high_noise_between_modalities"] = effect.HighNoiseBetweenModalities is { } high ? Finite(high) : null,
            ["stated_value"] = effect.StatedValue is { } value ? Finite(value) : null,
        };
    Console.WriteLine(JsonSerializer.Serialize(summary));
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
finally
{
    RemoveWorkFolder(work, options.Keep);
}

// Rounded for the JSON line; a stage that did not run (NaN) is null.
static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4) : null;

static string Rho(double? rho) => rho is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

// The attribute-effect row: every held-out prompt from the first prompt's seed, so videos differ only by their prompts.
static long OneSeed(int _) => EachPromptItsSeed(0);

static long EachPromptItsSeed(int i) => 5000 + i;

// Frames [3, T, H, W] in [-1, 1] -> MP4 (as a generated video is delivered) -> decoded frames, scored against the prompt.
static async Task<VideoScore> ScoreTensorAsync(Tensor video, PromptCase prompt, string mp4, BenchOptions o, CancellationToken ct)
{
    List<RgbFrame> frames;
    using (var clamped = video.detach().clamp(-1, 1).to(CPU))
        frames = FrameTensors.ToFrames(clamped, VideoTensorLayout.CTHW);
    await VideoEncoder.EncodeAsync(frames, o.Fps, mp4, ct);
    return Scoring.Score(prompt, await DecodeAsync(mp4, o, ct), o.Fps);
}

static async Task<List<VideoScore>> GenerateAsync(TextToVideoModel model, string label, IReadOnlyList<PromptCase> prompts, Func<PromptCase, string> promptOf,
    double guidance, string folder, BenchOptions o, CancellationToken ct, Func<int, long>? seedOf = null, List<float[]>? keepPixels = null)
{
    Directory.CreateDirectory(folder);
    var scores = new List<VideoScore>();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < prompts.Count; i++)
    {
        var request = new VideoRequest(promptOf(prompts[i]), (seedOf ?? EachPromptItsSeed)(i), "ddim", o.SampleSteps, guidance, 0, o.Spacing, o.Frames, o.Resolution, o.Resolution,
            o.GuidanceRescale, o.GuidanceParallel, o.GuidanceInterval);
        Tensor video;
        using (NewDisposeScope())
        using (no_grad())
            video = VideoSynthesis.Sample(model, request, null, ct).MoveToOuterDisposeScope();
        using (video)
        {
            if (keepPixels is not null)
                using (var pixels = video.detach().clamp(-1, 1).to(CPU))
                    keepPixels.Add(pixels.data<float>().ToArray());
            scores.Add(await ScoreTensorAsync(video, prompts[i], Path.Combine(folder, $"{i:D4}.mp4"), o, ct));
        }
        Console.Error.WriteLine($"[{label}] generated {i + 1}/{prompts.Count} ({clock.Elapsed.TotalSeconds:0}s)");
    }
    return scores;
}

// The VAE's share of the error: each held-out phantom encoded and decoded from the posterior mean, and from a posterior
// sample (what a diffusion model trained on samples learns to draw: the posterior's noise, independent in every frame);
// and the posterior's noise against its signal, the mean σ over the std of the means (0 = deterministic).
static async Task<VaeReconstruction> ReconstructAsync(TextToVideoModel model, IReadOnlyList<PromptCase> prompts, string realFolder, string work,
    BenchOptions o, CancellationToken ct)
{
    var meanFolder = Directory.CreateDirectory(Path.Combine(work, "vae-recon")).FullName;
    var sampleFolder = Directory.CreateDirectory(Path.Combine(work, "vae-sample-recon")).FullName;
    using var generator = new Generator((ulong)o.Seed);
    List<VideoScore> meanScores = [], sampleScores = [];
    double sigma = 0, spread = 0;
    for (var i = 0; i < prompts.Count; i++)
    {
        var clip = new TrainingClip($"real-{i}", Path.Combine(realFolder, $"{i:D4}.mp4"), prompts[i].Prompt, prompts[i].Modality.BoraName(), o.Frames, o.Fps);
        Tensor fromMean, fromSample;
        using (var pixels = await ClipTensors.LoadAsync(clip, o.Frames, o.Resolution, o.Fps, ct))
        using (NewDisposeScope())
        using (no_grad())
        {
            using var posterior = model.vae.Encode(pixels.unsqueeze(0));
            sigma += posterior.LogVar.mul(0.5).exp().mean().item<float>();
            spread += posterior.Mean.std().item<float>();
            fromMean = model.vae.Decode(posterior.Mean).select(0, 0).MoveToOuterDisposeScope();
            fromSample = model.vae.Decode(posterior.Sample(generator)).select(0, 0).MoveToOuterDisposeScope();
        }
        using (fromMean)
            meanScores.Add(await ScoreTensorAsync(fromMean, prompts[i], Path.Combine(meanFolder, $"{i:D4}.mp4"), o, ct));
        using (fromSample)
            sampleScores.Add(await ScoreTensorAsync(fromSample, prompts[i], Path.Combine(sampleFolder, $"{i:D4}.mp4"), o, ct));
    }
    return new VaeReconstruction(meanScores, sampleScores, sigma / spread);
}

static string Describe(PhantomSpec spec) => spec switch
{
    EchoPhantom e => string.Create(CultureInfo.InvariantCulture, $"echo {e.HeartRateBpm:0} bpm"),
    EndoscopyPhantom e => string.Create(CultureInfo.InvariantCulture, $"endoscopy {e.SpeedPerSecond:0.0} r/s {(e.Polyp ? "polyp" : "no polyp")}"),
    MicroscopyPhantom m => $"cells {m.CellCount}",
    MriPhantom m => string.Create(CultureInfo.InvariantCulture, $"RT-MRI {m.ArticulatorHz:0.0} Hz"),
    _ => spec.GetType().Name,
};

static string Read(VideoScore s)
{
    var detail = s.Case.Target switch
    {
        EchoPhantom => string.Create(CultureInfo.InvariantCulture, $" {s.HeartRateBpm:0} bpm"),
        MicroscopyPhantom => $" {s.Cells} cells",
        EndoscopyPhantom => s.Polyp == true ? " polyp" : " no polyp",
        _ => "",
    };
    return $"{s.Classified.BoraName()}{detail}";
}

internal sealed record VaeReconstruction(List<VideoScore> MeanScores, List<VideoScore> SampleScores, double PosteriorNoise);
