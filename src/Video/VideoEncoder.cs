namespace MedVid.Video;

/// <summary>
/// Encodes frames into a browser-playable MP4: H.264 (libx264), yuv420p, moov at the front
/// (+faststart) and even dimensions, by piping rawvideo rgb24 into ffmpeg.
/// </summary>
public static class VideoEncoder
{
    // Visually lossless for the small synthetic and generated clips MedVid writes; the phantom
    // estimators are tested on frames that went through exactly this setting.
    public const int DefaultCrf = 18;

    public static Task EncodeAsync(IEnumerable<RgbFrame> frames, double fps, string outputMp4, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return EncodeAsync(ToAsync(frames), fps, outputMp4, ct);
    }

    /// <summary>
    /// Writes <paramref name="frames"/> (all the same size) at <paramref name="fps"/> to <paramref name="outputMp4"/>.
    /// Odd sizes are padded by repeating the last column/row. The file appears only when complete:
    /// on failure or cancellation nothing is left at <paramref name="outputMp4"/>.
    /// </summary>
    public static async Task EncodeAsync(IAsyncEnumerable<RgbFrame> frames, double fps, string outputMp4, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentException.ThrowIfNullOrEmpty(outputMp4);
        if (fps <= 0 || double.IsNaN(fps) || double.IsInfinity(fps))
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "fps must be a positive number");

        await using var enumerator = frames.GetAsyncEnumerator(ct);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            throw new ArgumentException("cannot encode a video without frames", nameof(frames));
        var first = enumerator.Current;
        var (width, height) = (first.Width, first.Height);
        var (evenWidth, evenHeight) = (width + width % 2, height + height % 2);

        var partial = PartialFile.For(outputMp4);
        try
        {
            await using (var process = FfmpegProcess.Start(
                FfmpegTool.FfmpegPath, Arguments(evenWidth, evenHeight, fps, partial), redirectStdin: true, redirectStdout: false))
            {
                try
                {
                    var stdin = process.Stdin;
                    var buffer = new byte[evenWidth * evenHeight * 3];
                    do
                    {
                        ct.ThrowIfCancellationRequested();
                        var current = enumerator.Current;
                        CheckFrame(current, width, height);
                        FramePadding.CopyPadded(current, buffer, evenWidth, evenHeight);
                        await stdin.WriteAsync(buffer, ct).ConfigureAwait(false);
                    }
                    while (await enumerator.MoveNextAsync().ConfigureAwait(false));
                    stdin.Close();
                }
                catch (IOException)
                {
                    // ffmpeg closed its end of the pipe: it failed; its exit code and stderr say why.
                }

                var exitCode = await process.WaitForExitAsync(ct).ConfigureAwait(false);
                if (exitCode != 0)
                    throw new FfmpegException("ffmpeg", exitCode, process.Stderr);
            }
            PartialFile.Commit(partial, outputMp4);
        }
        catch
        {
            PartialFile.Discard(partial);
            throw;
        }
    }

    internal static IEnumerable<string> H264Mp4OutputArguments() =>
    [
        "-c:v", "libx264", "-preset", "veryfast", "-crf", FfmpegArgs.Int(DefaultCrf),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4",
    ];

    private static List<string> Arguments(int width, int height, double fps, string output)
    {
        var arguments = new List<string>
        {
            "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-framerate", FfmpegArgs.Number(fps), "-i", "pipe:0",
        };
        arguments.AddRange(H264Mp4OutputArguments());
        arguments.Add(output);
        return arguments;
    }

    private static void CheckFrame(RgbFrame frame, int width, int height)
    {
        if (frame.Width != width || frame.Height != height)
            throw new ArgumentException($"all frames must be {width}x{height}; got {frame.Width}x{frame.Height}");
        if (frame.Pixels.Length != width * height * 3)
            throw new ArgumentException($"frame pixel buffer holds {frame.Pixels.Length} bytes, expected {width * height * 3}");
    }

#pragma warning disable CS1998 // an iterator over an in-memory sequence has nothing to await
    private static async IAsyncEnumerable<RgbFrame> ToAsync(IEnumerable<RgbFrame> frames)
    {
        foreach (var frame in frames)
            yield return frame;
    }
#pragma warning restore CS1998
}
