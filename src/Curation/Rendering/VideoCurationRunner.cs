using MedVid.Curation.Captioning;
using MedVid.Curation.Config;
using MedVid.Curation.Manifest;
using MedVid.Curation.Ocr;
using MedVid.Curation.Pipeline;
using MedVid.Video;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Rendering;

/// <summary>The entry point a compute host calls: probe and decode source files with ffmpeg, run the
/// curation pipeline, render every kept clip (decode its time range at the size the center crop
/// needs, shape it, encode H.264) and write the dataset version files. Everything lands in
/// <c>outputFolder</c>: clips/*.mp4, manifest.jsonl, statistics.json, config.json; the host
/// uploads the folder to blob storage (clip blobs are the paths relative to the folder).</summary>
public sealed class VideoCurationRunner
{
    public const string ClipsFolder = "clips";

    private readonly CurationConfig config;
    private readonly CurationPipeline pipeline;

    /// <param name="ocr">OCR engine; null uses tesseract.</param>
    /// <param name="http">HTTP client for the chat captioner; used only when the config names an endpoint.</param>
    public VideoCurationRunner(CurationConfig config, IOcrEngine? ocr = null, HttpClient? http = null)
    {
        this.config = config.EnsureValid();
        IChatCaptioner? chat = config.Captions.Llm.IsConfigured ? new OpenAiChatCaptioner(config.Captions.Llm, http ?? new HttpClient()) : null;
        pipeline = new CurationPipeline(config, ocr, chat);
    }

    public async Task<CurationRun> RunAsync(
        IReadOnlyList<VideoSourceFile> sources,
        string outputFolder,
        IProgress<CurationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(outputFolder) && Directory.EnumerateFileSystemEntries(outputFolder).Any())
            throw new IOException($"Output folder '{outputFolder}' is not empty; a dataset version is written once into a fresh folder.");
        var duplicate = sources.GroupBy(s => s.Source.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Source id '{duplicate.Key}' appears more than once.", nameof(sources));
        Directory.CreateDirectory(Path.Combine(outputFolder, ClipsFolder));

        var loader = new FfmpegSourceFrameLoader(config.Analysis);
        var known = new List<CurationSource>();
        // A file that is not a usable video fails only itself: the pipeline records it with its reason.
        foreach (var file in sources) known.Add(await loader.TryAddAsync(file, cancellationToken));
        var paths = sources.ToDictionary(s => s.Source.Id, s => s.Path);

        // Analysis takes 80% of the bar, rendering the clips the rest.
        var analysisProgress = progress is null ? null : new Progress80(progress);
        var result = await pipeline.RunAsync(known, loader, analysisProgress, cancellationToken);

        var blobs = new Dictionary<string, string>();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var failedLate = new List<SourceFailure>();
        for (int i = 0; i < result.Clips.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clip = result.Clips[i];
            if (failedLate.Exists(f => f.SourceId == clip.Source.Id)) continue;
            progress?.Report(new CurationProgress("render", 0.8 + 0.2 * i / result.Clips.Count, i, result.Clips.Count, clip.Source.Id));
            var name = FileNameOf(clip.Id);
            for (int n = 2; !usedNames.Add(name); n++) name = $"{FileNameOf(clip.Id)}-{n}";
            var blob = $"{ClipsFolder}/{name}.mp4";
            try
            {
                await RenderAsync(clip, paths[clip.Source.Id], loader, Path.Combine(outputFolder, blob), cancellationToken);
                blobs[clip.Id] = blob;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && SourceFailure.FromException(clip.Source.Id, e) is { } failure)
            {
                // The source broke after analysis (changed or damaged on disk): it fails as a whole,
                // so no version holds part of a source. Its rendered clips are deleted.
                failedLate.Add(failure with { Detail = $"rendering clip '{clip.Id}' failed: {failure.Detail}" });
            }
        }
        foreach (var failure in failedLate.DistinctBy(f => f.SourceId))
        {
            result = result.WithoutSource(failure);
            foreach (var (clipId, blob) in blobs.Where(b => b.Key.StartsWith(failure.SourceId + "/", StringComparison.Ordinal)).ToList())
            {
                File.Delete(Path.Combine(outputFolder, blob));
                blobs.Remove(clipId);
            }
        }

        var manifest = result.ToManifest(c => blobs[c.Id]);
        var digest = await DatasetManifest.WriteVersionAsync(outputFolder, result, manifest, cancellationToken);
        progress?.Report(new CurationProgress("done", 1.0, result.Clips.Count, result.Clips.Count, null));
        return new CurationRun(result, manifest, outputFolder, digest);
    }

    private async Task RenderAsync(CuratedClip clip, string path, FfmpegSourceFrameLoader loader, string output, CancellationToken cancellationToken)
    {
        // Decode straight at the size that covers the output, so the shaper only crops.
        var shape = config.Output;
        double scale = Math.Max((double)shape.Width / clip.Source.Width, (double)shape.Height / clip.Source.Height);
        int width = Math.Max(shape.Width, (int)Math.Ceiling(clip.Source.Width * scale));
        int height = Math.Max(shape.Height, (int)Math.Ceiling(clip.Source.Height * scale));
        var options = new DecodeOptions(
            Width: width,
            Height: height,
            Fps: loader.AnalysisFps(clip.Source.Id),
            Start: TimeSpan.FromSeconds(clip.StartSeconds),
            Duration: TimeSpan.FromSeconds(clip.DurationSeconds),
            MaxFrames: (int)Math.Round(clip.DurationSeconds * clip.Fps));
        var frames = await VideoDecoder.DecodeAllAsync(path, options, cancellationToken);
        if (frames.Count == 0) throw new InvalidVideoException($"No frames decoded for clip '{clip.Id}' ({clip.StartSeconds:0.###}-{clip.EndSeconds:0.###} s of {path}).");
        var shaped = ClipFrameShaper.Shape(frames, clip.Plan, config.Output);
        await VideoEncoder.EncodeAsync(shaped, clip.Plan.OutputFps(clip.Fps), output, cancellationToken);
    }

    /// <summary>Clip ids contain '/' and source ids may contain anything; blob names stay portable.</summary>
    internal static string FileNameOf(string clipId) =>
        string.Concat(clipId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    private sealed class Progress80(IProgress<CurationProgress> inner) : IProgress<CurationProgress>
    {
        public void Report(CurationProgress value) => inner.Report(value with { Fraction = 0.8 * value.Fraction });
    }
}

/// <summary>What a run produced: the curation result, the manifest rows, the version folder and its digest.</summary>
public sealed record CurationRun(CurationResult Result, IReadOnlyList<ManifestClip> Manifest, string Folder, string Digest);
