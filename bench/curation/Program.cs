using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Curation.Config;
using MedVid.Curation.Pipeline;
using MedVid.Curation.Rendering;
using MedVid.Phantoms;
using MedVid.Video;
using MedVid.Curation.Clips;
using MedVid.Curation.Manifest;

// Curation throughput against decoding alone, on phantom videos rendered at the start of the run.
//   (a) decode: FfmpegSourceFrameLoader (probe + the very DecodeOptions the pipeline uses), frames counted
//   (b) pipeline without OCR: CurationPipeline over the same loader, default config, text-overlay disabled
//   (c) pipeline with OCR: the default config (tesseract)
// Modes are interleaved (rotated order in every repeat) and the median repeat of each is reported.
var options = BenchOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;
var work = Directory.CreateTempSubdirectory("medvid-bench-curation-").FullName;
try
{
    var sources = await RenderSourcesAsync(options, work);
    var noOcr = new CurationConfig { TextOverlay = new TextOverlayConfig { Enabled = false } };
    var withOcr = new CurationConfig();
    if (options.MinKeyframes is { } k && k != noOcr.Dynamics.MinKeyframes)
    {
        noOcr = noOcr with { Dynamics = noOcr.Dynamics with { MinKeyframes = k } };
        withOcr = withOcr with { Dynamics = withOcr.Dynamics with { MinKeyframes = k } };
    }

    var modes = new List<Mode>
    {
        new("decode", () => DecodeAsync(noOcr.Analysis, sources)),
        new("pipeline_no_ocr", () => PipelineAsync(noOcr, sources)),
    };
    if (!options.NoOcrOnly) modes.Add(new Mode("pipeline_ocr", () => PipelineAsync(withOcr, sources)));

    // Warm-up: JIT and the page cache, one source per mode.
    Console.WriteLine("warm-up ...");
    await DecodeAsync(noOcr.Analysis, sources.Take(1).ToList());
    await PipelineAsync(noOcr, sources.Take(1).ToList());

    for (int r = 0; r < options.Repeats; r++)
    {
        for (int m = 0; m < modes.Count; m++)
        {
            var mode = modes[(m + r) % modes.Count];
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sample = await mode.Run();
            mode.Samples.Add(sample);
            Console.WriteLine(string.Create(culture,
                $"repeat {r + 1} {mode.Name,-16} {sample.Frames,6} frames in {sample.Seconds,7:0.000} s = {sample.Fps,7:0.0} fps"));
        }
    }

    var fps = modes.ToDictionary(m => m.Name, m => m.MedianFps);
    Console.WriteLine();
    foreach (var mode in modes.Where(m => m.Name != "decode"))
    {
        Console.WriteLine($"{mode.Name}: per-stage wall time, mean per repeat (ms), and per analysis frame (ms)");
        var stages = mode.Samples.SelectMany(s => s.StageSeconds).GroupBy(kv => kv.Key)
            .Select(g => (Stage: g.Key, Seconds: g.Sum(kv => kv.Value) / mode.Samples.Count))
            .OrderByDescending(s => s.Seconds);
        double frames = mode.Samples[0].Frames;
        foreach (var (stage, seconds) in stages)
            Console.WriteLine(string.Create(culture, $"  {stage,-22} {seconds * 1000,9:0.0} ms  {seconds * 1000 / frames,7:0.000} ms/frame"));
        var last = mode.Samples[^1].Result!;
        Console.WriteLine($"  kept clips: {last.Clips.Count}; drops: " + string.Join(", ",
            last.Statistics.Stages.Where(s => s.Dropped > 0).Select(s => $"{s.Stage} {s.Dropped} ({string.Join("; ", s.DropReasons.Keys)})")));
    }

    var summary = new Dictionary<string, object>
    {
        ["decode_fps"] = Math.Round(fps["decode"], 1),
        ["pipeline_no_ocr_fps"] = Math.Round(fps["pipeline_no_ocr"], 1),
    };
    if (fps.TryGetValue("pipeline_ocr", out var ocrFps)) summary["pipeline_ocr_fps"] = Math.Round(ocrFps, 1);
    summary["ratio_no_ocr"] = Math.Round(fps["pipeline_no_ocr"] / fps["decode"], 3);
    if (fps.ContainsKey("pipeline_ocr")) summary["ratio_ocr"] = Math.Round(ocrFps / fps["decode"], 3);
    summary["videos"] = sources.Count;
    summary["frames"] = modes[0].Samples[0].Frames;
    summary["size"] = $"{options.Width}x{options.Height}";
    summary["repeats"] = options.Repeats;
    summary["min_keyframes"] = noOcr.Dynamics.MinKeyframes;
    Console.WriteLine();
    Console.WriteLine(JsonSerializer.Serialize(summary));
}
finally
{
    if (!options.Keep) Directory.Delete(work, recursive: true);
    else Console.Error.WriteLine($"videos kept in {work}");
}

static async Task<List<VideoSourceFile>> RenderSourcesAsync(BenchOptions options, string work)
{
    int frames = (int)Math.Round(options.Seconds * options.Fps);
    int rw = options.RenderWidth, rh = options.RenderHeight;
    PhantomSpec[] specs =
    [
        new EchoPhantom(72, Seed: 1, Width: rw, Height: rh, Frames: frames, Fps: options.Fps),
        new EndoscopyPhantom(1.0, Polyp: true, Seed: 2, Width: rw, Height: rh, Frames: frames, Fps: options.Fps),
        new MicroscopyPhantom(8, Divisions: 2, Seed: 3, Width: rw, Height: rh, Frames: frames, Fps: options.Fps),
        new MriPhantom(1.2, Seed: 4, Width: rw, Height: rh, Frames: frames, Fps: options.Fps),
    ];
    var watch = Stopwatch.StartNew();
    var sources = new List<VideoSourceFile>();
    for (int i = 0; i < options.Videos; i++)
    {
        var spec = specs[i % specs.Length] with { Seed = i + 1 };
        var small = Path.Combine(work, $"phantom-{i}-small.mp4");
        var path = Path.Combine(work, $"phantom-{i}.mp4");
        await PhantomRenderer.RenderMp4Async(spec, small);
        if (rw != options.Width || rh != options.Height)
        {
            await FfmpegAsync("-i", small, "-vf", $"scale={options.Width}:{options.Height}:flags=bicubic",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path);
            File.Delete(small);
        }
        else File.Move(small, path);
        var modality = spec.Labels["modality"];
        sources.Add(new VideoSourceFile(path, new CurationSource($"phantom-{i}", modality, 0, 0) { Title = $"{modality} phantom {i}" }));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rendered {sources.Count} phantoms ({rw}x{rh}, upscaled to {options.Width}x{options.Height}), {frames} frames at {options.Fps} fps each, in {watch.Elapsed.TotalSeconds:0.0} s"));
    return sources;
}

static async Task<Sample> DecodeAsync(AnalysisConfig analysis, IReadOnlyList<VideoSourceFile> sources)
{
    var watch = Stopwatch.StartNew();
    long frames = 0, checksum = 0;
    foreach (var file in sources)
    {
        var loader = new FfmpegSourceFrameLoader(analysis);
        var source = await loader.AddAsync(file);
        await foreach (var window in loader.LoadAsync(source))
        {
            frames += window.Frames.Count;
            foreach (var frame in window.Frames) checksum += frame.Pixels[frame.Pixels.Length / 2];
        }
    }
    GC.KeepAlive(checksum);
    return new Sample(frames, watch.Elapsed.TotalSeconds, new Dictionary<string, double>(), null);
}

static async Task<Sample> PipelineAsync(CurationConfig config, IReadOnlyList<VideoSourceFile> sources)
{
    var watch = Stopwatch.StartNew();
    var loader = new FfmpegSourceFrameLoader(config.Analysis);
    var known = new List<CurationSource>();
    foreach (var file in sources) known.Add(await loader.AddAsync(file));
    var result = await new CurationPipeline(config).RunAsync(known, loader);
    double seconds = watch.Elapsed.TotalSeconds;
    if (result.FailedSources.Count > 0)
        throw new InvalidOperationException("A phantom failed: " + string.Join("; ", result.FailedSources.Select(f => $"{f.SourceId}: {f.Detail}")));
    long frames = result.Decisions.Where(d => d.Stage == StageNames.Source).Sum(d => (long)d.Metrics["frames"]);
    return new Sample(frames, seconds, result.StageSeconds, result);
}

static async Task FfmpegAsync(params string[] arguments)
{
    var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" }.Concat(arguments)) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {error}");
}

internal sealed record Sample(long Frames, double Seconds, IReadOnlyDictionary<string, double> StageSeconds, CurationResult? Result)
{
    public double Fps => Frames / Seconds;
}

internal sealed record Mode(string Name, Func<Task<Sample>> Run)
{
    public List<Sample> Samples { get; } = [];

    public double MedianFps
    {
        get
        {
            var sorted = Samples.Select(s => s.Fps).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}

internal sealed record BenchOptions(
    double Seconds, double Fps, int Repeats, int Videos, int RenderWidth, int RenderHeight, int Width, int Height,
    bool NoOcrOnly, bool Keep, int? MinKeyframes)
{
    public static BenchOptions Parse(string[] args)
    {
        // The default configuration, except what --min-keyframes overrides.
        var o = new BenchOptions(12, 25, 3, 4, 640, 360, 1280, 720, false, false, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            (int, int) Size(string text)
            {
                var parts = text.Split('x');
                return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            }
            o = args[i] switch
            {
                "--seconds" => o with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fps" => o with { Fps = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeats" => o with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--videos" => o with { Videos = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--render" => Size(Next()) is var (rw, rh) ? o with { RenderWidth = rw, RenderHeight = rh } : o,
                "--size" => Size(Next()) is var (w, h) ? o with { Width = w, Height = h } : o,
                "--min-keyframes" => o with { MinKeyframes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-ocr-only" => o with { NoOcrOnly = true },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
