using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Diffusion.Checkpoints;
using MedVid.Phantoms;
using MedVid.Training.Data;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Training.Recipes;
using MedVid.Training.Runs;
using static MedVid.PhantomsBench.BenchSteps;
using static TorchSharp.torch;

namespace MedVid.PhantomsBench;

/// <summary>
/// `./medvid bench augmentation` (docs/benchmarks.md): does adding the platform's own generated videos to a small real
/// training set help a downstream classifier? For each seed: a few real phantoms per class, a text-to-video model trained
/// on exactly those (the shared VAE aside), videos generated from class prompts, and a classifier fitted on real only,
/// real + synthetic, and real + as many more real clips (the ceiling), scored on the same held-out real phantoms.
/// </summary>
public static class AugmentationBench
{
    private sealed record Options(int Real = 4, int Extra = 16, int Test = 16, int Seeds = 3, long VaeSteps = 1500, long Steps = 1000,
        int SampleSteps = 25, double Guidance = 4, int Seed = 7, int? Threads = null, string? VaeFrom = null, bool Keep = false)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var o = new Options();
            for (var i = 0; i < args.Count; i++)
            {
                string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--real" => o with { Real = Int() },
                    "--extra" => o with { Extra = Int() },
                    "--test" => o with { Test = Int() },
                    "--seeds" => o with { Seeds = Int() },
                    "--vae-steps" => o with { VaeSteps = Int() },
                    "--steps" => o with { Steps = Int() },
                    "--sample-steps" => o with { SampleSteps = Int() },
                    "--guidance" => o with { Guidance = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seed" => o with { Seed = Int() },
                    "--threads" => o with { Threads = Int() },
                    "--vae-from" => o with { VaeFrom = Next() },
                    "--keep" => o with { Keep = true },
                    _ => throw new ArgumentException($"unknown option {args[i]}; see bench/augmentation/run.sh"),
                };
            }
            if (o.Real < 1 || o.Extra < 1 || o.Test < 1) throw new ArgumentException("--real, --extra and --test must be at least 1");
            if (o.Seeds < 2) throw new ArgumentException("--seeds must be at least 2 (the interval needs a spread)");
            if (o.VaeFrom is { } vae && !File.Exists(Path.Combine(vae, "model.json"))) throw new ArgumentException($"--vae-from {vae} is not a checkpoint folder (no model.json)");
            return o;
        }
    }

    /// <summary>A downstream task: its classes, and a phantom of class c (its captions are the prompts of that class).</summary>
    private sealed record DownstreamTask(string Name, string[] Classes, Func<int, Random, PhantomSpec> Make);

    private sealed record Clip(string File, int Class, string Caption, string Modality);

    private static readonly string[] Arms = ["real only", "real + synthetic", "real + more real"];

    public static async Task<int> RunAsync(string[] args)
    {
        Options o;
        try
        {
            o = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; Console.Error.WriteLine("cancelling ..."); cancel.Cancel(); };
        var ct = cancel.Token;
        set_num_threads(o.Threads ?? Environment.ProcessorCount);
        var video = new BenchOptions { Seed = o.Seed, SampleSteps = o.SampleSteps, Guidance = o.Guidance };
        var (size, frames, fps) = (video.Resolution, video.Frames, video.Fps);
        var modalities = PromptSets.Modalities;
        DownstreamTask[] tasks =
        [
            new("modality", [.. modalities.Select(m => m.BoraName())], (c, rng) => PhantomCatalog.Random(modalities[c], rng, size, size, frames, fps)),
            new("polyp", ["polyp", "no polyp"], (c, rng) => new EndoscopyPhantom(Math.Round(0.3 + 1.7 * rng.NextDouble(), 1), c == 0, rng.Next(), size, size, frames, fps)),
        ];
        var work = Directory.CreateTempSubdirectory("medvid-bench-augmentation-").FullName;
        var total = Stopwatch.StartNew();
        try
        {
            Console.Error.WriteLine($"work folder {work}; {o.Real} real clips per class, {o.Extra} synthetic or more real, {o.Test} held-out, {o.Seeds} seeds");
            // Held-out real phantoms, the same for every seed and arm.
            var test = new Dictionary<string, (List<double[]> X, List<int> Y)>();
            foreach (var task in tasks)
            {
                var clips = await RenderAsync(task, o.Test, new Random(1_000_000 + o.Seed), Path.Combine(work, "test", task.Name), ct);
                test[task.Name] = (await FeaturesAsync(clips.Select(c => c.File), video, ct), clips.Select(c => c.Class).ToList());
            }
            var vae = await VaeAsync(o, video, tasks, work, ct);
            var accuracy = tasks.ToDictionary(t => t.Name, _ => Arms.ToDictionary(a => a, _ => new List<double>()));
            var fidelity = tasks.ToDictionary(t => t.Name, _ => new List<double>());
            for (var s = 0; s < o.Seeds; s++)
            {
                var rng = new Random(o.Seed * 1000 + s);
                var seedFolder = Path.Combine(work, $"seed-{s}");
                var real = new Dictionary<string, List<Clip>>();
                var extra = new Dictionary<string, List<Clip>>();
                foreach (var task in tasks)
                {
                    real[task.Name] = await RenderAsync(task, o.Real, rng, Path.Combine(seedFolder, "real", task.Name), ct);
                    extra[task.Name] = await RenderAsync(task, o.Extra, rng, Path.Combine(seedFolder, "extra", task.Name), ct);
                }
                // The generator sees exactly the few real clips of every task, with their captions.
                var trainingClips = real.Values.SelectMany(c => c).Select((c, i) => new TrainingClip($"real-{i}", c.File, c.Caption, c.Modality, frames, fps)).ToList();
                var observer = new ProgressObserver($"generator seed {s}", null);
                var checkpoint = await TrainAsync(new RunInputs(RecipeCatalog.Get("standard"), video.Size,
                    Settings(video, video.BatchSize, video.LearningRate, video.CaptionDropout, o.Steps, (int)o.Steps), trainingClips,
                    Path.Combine(seedFolder, "generator"), null, vae), observer, null, ct);
                Console.Error.WriteLine($"generator seed {s}: {checkpoint.Step} steps in {observer.Elapsed.TotalMinutes:0.0} min");
                var synthetic = new Dictionary<string, List<Clip>>();
                using (var model = CheckpointWeights.BuildForInference(checkpoint.Directory))
                    foreach (var task in tasks)
                        synthetic[task.Name] = await GenerateAsync(model, task, o, video, rng, Path.Combine(seedFolder, "synthetic", task.Name), ct);

                foreach (var task in tasks)
                {
                    var (xReal, xExtra, xSynthetic) = (await FeaturesAsync(real[task.Name].Select(c => c.File), video, ct),
                        await FeaturesAsync(extra[task.Name].Select(c => c.File), video, ct), await FeaturesAsync(synthetic[task.Name].Select(c => c.File), video, ct));
                    var (yReal, yExtra, ySynthetic) = (Labels(real[task.Name]), Labels(extra[task.Name]), Labels(synthetic[task.Name]));
                    var (xTest, yTest) = test[task.Name];
                    var classes = task.Classes.Length;
                    accuracy[task.Name]["real only"].Add(DownstreamClassifier.Fit(xReal, yReal, classes).Accuracy(xTest, yTest));
                    accuracy[task.Name]["real + synthetic"].Add(DownstreamClassifier.Fit([.. xReal, .. xSynthetic], [.. yReal, .. ySynthetic], classes).Accuracy(xTest, yTest));
                    var ceiling = DownstreamClassifier.Fit([.. xReal, .. xExtra], [.. yReal, .. yExtra], classes);
                    accuracy[task.Name]["real + more real"].Add(ceiling.Accuracy(xTest, yTest));
                    // Do the generated videos look like their class to a classifier of real clips?
                    fidelity[task.Name].Add(ceiling.Accuracy(xSynthetic, ySynthetic));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seed {s} {task.Name}: {string.Join(", ", Arms.Select(a => $"{a} {accuracy[task.Name][a][^1]:0.000}"))}; synthetic read as their class {fidelity[task.Name][^1]:0.00}"));
                }
            }
            Report(o, tasks, accuracy, fidelity, total.Elapsed);
            if (o.Keep) Console.WriteLine($"videos kept in {work}");
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        finally
        {
            RemoveWorkFolder(work, o.Keep);
        }
    }

    private static List<int> Labels(List<Clip> clips) => [.. clips.Select(c => c.Class)];

    private static async Task<List<Clip>> RenderAsync(DownstreamTask task, int perClass, Random rng, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var specs = Enumerable.Range(0, task.Classes.Length).SelectMany(c => Enumerable.Range(0, perClass).Select(_ => (Class: c, Spec: task.Make(c, rng)))).ToList();
        var clips = new List<Clip>();
        foreach (var (item, i) in specs.Select((x, i) => (x, i)))
        {
            var file = Path.Combine(folder, $"{i:D4}.mp4");
            await PhantomRenderer.RenderMp4Async(item.Spec, file, ct);
            clips.Add(new Clip(file, item.Class, item.Spec.Captions[rng.Next(item.Spec.Captions.Count)], item.Spec.Modality.BoraName()));
        }
        return clips;
    }

    /// <summary>Each class's videos from prompts of fresh phantoms of that class (their captions), as an export generates them.</summary>
    private static async Task<List<Clip>> GenerateAsync(TextToVideoModel model, DownstreamTask task, Options o, BenchOptions video, Random rng, string folder,
        CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var clips = new List<Clip>();
        for (var c = 0; c < task.Classes.Length; c++)
        for (var i = 0; i < o.Extra; i++)
        {
            var spec = task.Make(c, rng);
            var prompt = spec.Captions[rng.Next(spec.Captions.Count)];
            var file = Path.Combine(folder, $"{c}-{i:D4}.mp4");
            var request = new VideoRequest(prompt, rng.Next(), "ddim", o.SampleSteps, o.Guidance, 0, video.Spacing, video.Frames, video.Resolution, video.Resolution);
            await VideoSynthesis.WriteAsync(model, request, video.Fps, file, request, null, ct);
            clips.Add(new Clip(file, c, prompt, spec.Modality.BoraName()));
        }
        Console.Error.WriteLine($"[{task.Name}] generated {clips.Count} videos");
        return clips;
    }

    private static async Task<List<double[]>> FeaturesAsync(IEnumerable<string> files, BenchOptions video, CancellationToken ct)
    {
        var features = new List<double[]>();
        foreach (var file in files) features.Add(VideoFeatures.Of(await DecodeAsync(file, video, ct)));
        return features;
    }

    /// <summary>The VAE every seed's generator shares: --vae-from, or one trained on unlabelled phantoms of every modality (none of the test set).</summary>
    private static async Task<string> VaeAsync(Options o, BenchOptions video, DownstreamTask[] tasks, string work, CancellationToken ct)
    {
        if (o.VaeFrom is { } from) return Path.GetFullPath(from);
        var rng = new Random(2_000_000 + o.Seed);
        var clips = (await RenderAsync(tasks[0], 8, rng, Path.Combine(work, "vae-clips"), ct))
            .Select((c, i) => new TrainingClip($"vae-{i}", c.File, c.Caption, c.Modality, video.Frames, video.Fps)).ToList();
        var observer = new ProgressObserver("vae", null);
        var vae = await TrainAsync(new RunInputs(RecipeCatalog.Get("vae"), video.Size,
            Settings(video, video.VaeBatchSize, video.VaeLearningRate, 0, o.VaeSteps, (int)o.VaeSteps), clips, Path.Combine(work, "vae"), null, null), observer, null, ct);
        Console.Error.WriteLine($"VAE: {vae.Step} steps in {observer.Elapsed.TotalMinutes:0.0} min");
        return vae.Directory;
    }

    private static void Report(Options o, DownstreamTask[] tasks, Dictionary<string, Dictionary<string, List<double>>> accuracy,
        Dictionary<string, List<double>> fidelity, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(culture, $"held-out real accuracy, mean and 95% interval over {o.Seeds} seeds ({o.Real} real clips per class; +{o.Extra} per class)"));
        Console.WriteLine(string.Create(culture, $"{"task",-10} {"real only",-22} {"real + synthetic",-22} {"real + more real",-22} {"synthetic read as class",-10}"));
        var json = new Dictionary<string, object>
        {
            ["bench"] = "augmentation", ["seeds"] = o.Seeds, ["real_per_class"] = o.Real, ["extra_per_class"] = o.Extra, ["test_per_class"] = o.Test,
            ["generator_steps"] = o.Steps, ["vae_steps"] = o.VaeFrom is null ? o.VaeSteps : 0, ["vae_from"] = o.VaeFrom ?? "", ["sample_steps"] = o.SampleSteps,
            ["guidance"] = o.Guidance, ["minutes"] = Math.Round(elapsed.TotalMinutes, 1),
        };
        foreach (var task in tasks)
        {
            var cells = Arms.Select(a => Interval(accuracy[task.Name][a])).ToList();
            var read = Interval(fidelity[task.Name]);
            Console.WriteLine(string.Create(culture, $"{task.Name,-10} {string.Join(" ", cells.Select(c => $"{c.Mean:0.000} ± {c.HalfWidth:0.000}".PadRight(22)))} {read.Mean:0.000} ± {read.HalfWidth:0.000}"));
            json[task.Name] = Arms.Zip(cells).ToDictionary(x => x.First.Replace(" + ", "_plus_", StringComparison.Ordinal).Replace(' ', '_'),
                x => (object)new { mean = Math.Round(x.Second.Mean, 4), ci95 = Math.Round(x.Second.HalfWidth, 4), runs = accuracy[task.Name][x.First].Select(v => Math.Round(v, 4)) });
            ((Dictionary<string, object>)json[task.Name])["synthetic_read_as_class"] = new { mean = Math.Round(read.Mean, 4), ci95 = Math.Round(read.HalfWidth, 4) };
        }
        Console.WriteLine(string.Create(culture, $"total {elapsed.TotalMinutes:0.0} min; heart-rate regression is not part of this bench yet"));
        Console.WriteLine(JsonSerializer.Serialize(json));
    }

    /// <summary>Mean and the half-width of its 95% t-interval.</summary>
    public static (double Mean, double HalfWidth) Interval(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return (mean, TQuantile975(values.Count - 1) * sd / Math.Sqrt(values.Count));
    }

    private static double TQuantile975(int df) => df switch
    {
        1 => 12.706, 2 => 4.303, 3 => 3.182, 4 => 2.776, 5 => 2.571, 6 => 2.447, 7 => 2.365, 8 => 2.306, 9 => 2.262, 10 => 2.228,
        <= 20 => 2.201, <= 30 => 2.086, _ => 2.042, // the largest quantile of each band: intervals err wide
    };
}
