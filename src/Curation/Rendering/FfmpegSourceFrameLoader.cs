using System.Runtime.CompilerServices;
using MedVid.Curation.Config;
using MedVid.Video;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Rendering;

/// <summary>Decodes sources with ffmpeg (src/Video) at analysis size, window by window. Scaling and
/// frame-rate conversion happen inside ffmpeg, so full-size frames never reach .NET.</summary>
public sealed class FfmpegSourceFrameLoader(AnalysisConfig config) : ISourceFrameLoader
{
    private readonly Dictionary<string, (string Path, VideoInfo Info)> files = new();
    private readonly Dictionary<string, Exception> failures = new();

    /// <summary>Makes a file known to the loader; returns the source with its probed display size.
    /// Throws <see cref="InvalidVideoException"/> (or <see cref="FileNotFoundException"/>) when the file
    /// is not a usable video, and <see cref="UnusableSourceException"/> when it is larger than
    /// <see cref="AnalysisConfig.MaxSourceWidth"/> x <see cref="AnalysisConfig.MaxSourceHeight"/>.</summary>
    public async Task<CurationSource> AddAsync(VideoSourceFile file, CancellationToken cancellationToken = default)
    {
        var info = await VideoProbe.ProbeAsync(file.Path, cancellationToken);
        if (info.DisplayWidth > config.MaxSourceWidth || info.DisplayHeight > config.MaxSourceHeight)
            throw new UnusableSourceException(SourceFailure.Reasons.TooLarge,
                $"the video is {info.DisplayWidth}x{info.DisplayHeight}, above the maximum of {config.MaxSourceWidth}x{config.MaxSourceHeight} (analysis.maxSourceWidth/maxSourceHeight)");
        files[file.Source.Id] = (file.Path, info);
        return file.Source with { Width = info.DisplayWidth, Height = info.DisplayHeight };
    }

    /// <summary>Probes a file like <see cref="AddAsync"/>, but a file that is not a usable video is
    /// remembered instead of thrown: loading it later throws the same exception, which the pipeline
    /// records as a failed source. Other exceptions (cancellation, ffmpeg missing) still propagate.</summary>
    public async Task<CurationSource> TryAddAsync(VideoSourceFile file, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AddAsync(file, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && SourceFailure.FromException(file.Source.Id, e) is not null)
        {
            failures[file.Source.Id] = e;
            return file.Source;
        }
    }

    /// <summary>The analysis frame rate for a source: native, capped at <see cref="AnalysisConfig.MaxFps"/>.</summary>
    public double AnalysisFps(string sourceId)
    {
        var fps = files[sourceId].Info.Fps;
        if (fps <= 0 || double.IsNaN(fps)) fps = 25; // ffprobe reports 0 for some streams; 25 is the PAL default
        return config.MaxFps is { } max ? Math.Min(fps, max) : fps;
    }

    /// <summary>Analysis size: the short side at <see cref="AnalysisConfig.ShortSide"/> (never enlarged), both sides even.</summary>
    public (int Width, int Height) AnalysisSize(string sourceId)
    {
        var info = files[sourceId].Info;
        int w = info.DisplayWidth, h = info.DisplayHeight;
        double scale = Math.Min(1.0, (double)config.ShortSide / Math.Min(w, h));
        return (Math.Max(2, (int)Math.Round(w * scale / 2) * 2), Math.Max(2, (int)Math.Round(h * scale / 2) * 2));
    }

    public async IAsyncEnumerable<SourceFrames> LoadAsync(CurationSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (failures.TryGetValue(source.Id, out var failure))
            throw failure;
        if (!files.TryGetValue(source.Id, out var file))
            throw new InvalidOperationException($"Source '{source.Id}' was not added to the loader.");
        double fps = AnalysisFps(source.Id);
        var (width, height) = AnalysisSize(source.Id);
        int windowFrames = Math.Max(2, (int)Math.Round(config.WindowSeconds * fps));
        int expectedFrames = (int)Math.Ceiling(file.Info.Duration.TotalSeconds * fps);

        var window = new List<RgbFrame>(Math.Min(windowFrames, Math.Max(expectedFrames, 2)));
        int offset = 0;
        var options = new DecodeOptions(Width: width, Height: height, Fps: fps);
        await foreach (var frame in VideoDecoder.DecodeAsync(file.Path, options, cancellationToken))
        {
            window.Add(frame);
            if (window.Count < windowFrames) continue;
            yield return new SourceFrames(source, fps, window) { FrameOffset = offset, SourceFrameCount = Math.Max(expectedFrames, offset + window.Count) };
            offset += window.Count;
            window = new List<RgbFrame>(windowFrames);
        }
        if (window.Count > 0 || offset == 0)
            yield return new SourceFrames(source, fps, window) { FrameOffset = offset, SourceFrameCount = offset + window.Count };
    }
}
