using System.Runtime.CompilerServices;

namespace MedVid.Video;

/// <summary>Streams decoded frames out of ffmpeg (rawvideo rgb24 on a pipe), one <see cref="RgbFrame"/> at a time.</summary>
public static class VideoDecoder
{
    /// <summary>
    /// Decodes <paramref name="path"/> with the size, rate and window in <paramref name="options"/>.
    /// ffmpeg applies the display rotation, then the fps filter, then scaling. Stopping the
    /// enumeration early (or cancelling) kills ffmpeg.
    /// </summary>
    public static async IAsyncEnumerable<RgbFrame> DecodeAsync(
        string path,
        DecodeOptions options,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var info = await VideoProbe.ReadMetadataAsync(path, ct).ConfigureAwait(false);
        var (width, height) = options.OutputSize(info.DisplayWidth, info.DisplayHeight);
        var frameBytes = checked(width * height * 3);

        await using var process = FfmpegProcess.Start(
            FfmpegTool.FfmpegPath, BuildArguments(path, options, info, width, height), redirectStdin: false, redirectStdout: true);
        var stdout = process.StdoutStream;
        while (true)
        {
            var pixels = new byte[frameBytes];
            var read = await stdout.ReadAtLeastAsync(pixels, frameBytes, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            if (read == 0)
                break;
            if (read < frameBytes)
                throw new FfmpegException("ffmpeg", -1, $"decoder output ended inside a frame ({read} of {frameBytes} bytes)\n{process.Stderr}");
            yield return new RgbFrame(width, height, pixels);
        }

        var exitCode = await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (exitCode != 0)
            throw new FfmpegException("ffmpeg", exitCode, process.Stderr);
    }

    /// <summary>Collects a whole decode into a list; convenient for short clips and tests.</summary>
    public static async Task<List<RgbFrame>> DecodeAllAsync(string path, DecodeOptions options, CancellationToken ct = default)
    {
        var frames = new List<RgbFrame>();
        await foreach (var frame in DecodeAsync(path, options, ct).ConfigureAwait(false))
            frames.Add(frame);
        return frames;
    }

    private static List<string> BuildArguments(string path, DecodeOptions options, VideoInfo info, int width, int height)
    {
        var arguments = new List<string> { "-v", "error", "-nostdin" };
        if (options.Start is { } start)
            arguments.AddRange(["-ss", FfmpegArgs.Seconds(start)]);
        arguments.AddRange(["-i", path]);
        if (options.Duration is { } duration)
            arguments.AddRange(["-t", FfmpegArgs.Seconds(duration)]);
        arguments.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn"]);

        var filters = new List<string>();
        if (options.Fps is { } fps)
            filters.Add($"fps={FfmpegArgs.Number(fps)}");
        if (width != info.DisplayWidth || height != info.DisplayHeight)
        {
            // "area" averages source pixels when shrinking, which keeps small analysis frames free of aliasing.
            filters.Add($"scale={width}:{height}:flags=area");
        }
        if (filters.Count > 0)
            arguments.AddRange(["-vf", string.Join(',', filters)]);
        if (options.MaxFrames is { } maxFrames)
            arguments.AddRange(["-frames:v", FfmpegArgs.Int(maxFrames)]);
        arguments.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }
}
