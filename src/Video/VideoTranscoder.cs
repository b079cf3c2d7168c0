using System.Globalization;

namespace MedVid.Video;

/// <summary>Makes the browser-facing derivatives of an uploaded video: a playable proxy MP4 and a JPEG poster.</summary>
public static class VideoTranscoder
{
    /// <summary>Proxies are capped at 720 lines: enough for a clinician to judge, small enough to stream.</summary>
    public const int MaxProxyHeight = 720;

    /// <summary>
    /// Transcodes <paramref name="input"/> to an H.264/yuv420p/+faststart MP4 no taller than 720 pixels,
    /// keeping the display aspect and orientation (rotation is applied to the pixels, so players that
    /// ignore rotation metadata still show it upright). Progress goes from 0 to 1. Cancelling kills
    /// ffmpeg and leaves no output file.
    /// </summary>
    public static async Task MakeProxyAsync(string input, string outputMp4, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var info = await VideoProbe.ReadMetadataAsync(input, ct).ConfigureAwait(false);
        var (width, height) = ProxySize(info.DisplayWidth, info.DisplayHeight);
        var partial = PartialFile.For(outputMp4);
        var arguments = new List<string>
        {
            "-v", "error", "-nostdin", "-y", "-nostats", "-progress", "pipe:1",
            "-i", input,
            "-map", "0:v:0", "-map", "0:a:0?",
            "-vf", $"scale={width}:{height}:flags=bicubic,setsar=1",
            // ffmpeg has already rotated the pixels; stop the source's display matrix from being copied and applied twice.
            "-metadata:s:v:0", "rotate=0",
            "-c:a", "aac", "-b:a", "128k",
        };
        arguments.AddRange(VideoEncoder.H264Mp4OutputArguments());
        arguments.Add(partial);

        try
        {
            progress?.Report(0);
            await using (var process = FfmpegProcess.Start(FfmpegTool.FfmpegPath, arguments, redirectStdin: false, redirectStdout: true))
            {
                await ReportProgressAsync(process.Stdout, info.Duration, progress, ct).ConfigureAwait(false);
                var exitCode = await process.WaitForExitAsync(ct).ConfigureAwait(false);
                if (exitCode != 0)
                    throw new FfmpegException("ffmpeg", exitCode, process.Stderr);
            }
            PartialFile.Commit(partial, outputMp4);
            progress?.Report(1);
        }
        catch
        {
            PartialFile.Discard(partial);
            throw;
        }
    }

    /// <summary>
    /// Writes a JPEG of the frame at about 10% of the duration (the very first frame is often black
    /// or a title card), or the first frame for clips under a second; no taller than 720 pixels.
    /// </summary>
    public static async Task MakePosterAsync(string input, string outputJpeg, CancellationToken ct = default)
    {
        var info = await VideoProbe.ReadMetadataAsync(input, ct).ConfigureAwait(false);
        var at = info.Duration < TimeSpan.FromSeconds(1) ? TimeSpan.Zero : info.Duration * 0.1;
        var (width, height) = ProxySize(info.DisplayWidth, info.DisplayHeight);
        var partial = PartialFile.For(outputJpeg);
        try
        {
            await WritePosterAsync(input, partial, at, width, height, ct).ConfigureAwait(false);
            // A bad duration in the header can put the seek past the last frame: fall back to the first.
            if ((!File.Exists(partial) || new FileInfo(partial).Length == 0) && at > TimeSpan.Zero)
                await WritePosterAsync(input, partial, TimeSpan.Zero, width, height, ct).ConfigureAwait(false);
            PartialFile.Commit(partial, outputJpeg);
        }
        catch
        {
            PartialFile.Discard(partial);
            throw;
        }
    }

    /// <summary>The proxy size for a display size: at most 720 high, aspect kept, both sides even.</summary>
    public static (int Width, int Height) ProxySize(int displayWidth, int displayHeight)
    {
        var height = Math.Min(MaxProxyHeight, displayHeight);
        height = Math.Max(2, height - height % 2);
        var width = (int)Math.Round(displayWidth * (double)height / displayHeight / 2.0) * 2;
        return (Math.Max(2, width), height);
    }

    private static Task WritePosterAsync(string input, string output, TimeSpan at, int width, int height, CancellationToken ct) =>
        FfmpegTool.RunFfmpegAsync(
        [
            "-v", "error", "-nostdin", "-y", "-ss", FfmpegArgs.Seconds(at), "-i", input,
            "-map", "0:v:0", "-frames:v", "1", "-vf", $"scale={width}:{height}:flags=bicubic",
            "-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p", "-f", "image2", "-update", "1", output,
        ], ct);

    /// <summary>Reads ffmpeg's -progress key=value lines and turns out_time into a 0..1 fraction.</summary>
    private static async Task ReportProgressAsync(StreamReader stdout, TimeSpan duration, IProgress<double>? progress, CancellationToken ct)
    {
        var last = 0.0;
        while (await stdout.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (progress is null || duration <= TimeSpan.Zero || !line.StartsWith("out_time_us=", StringComparison.Ordinal))
                continue;
            if (!long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
                continue; // ffmpeg prints N/A before the first frame is out
            var fraction = Math.Clamp(micros / 1e6 / duration.TotalSeconds, 0, 1);
            if (fraction > last)
            {
                last = fraction;
                progress.Report(fraction);
            }
        }
    }
}
