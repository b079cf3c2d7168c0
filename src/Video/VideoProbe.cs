using System.Globalization;
using System.Text.Json;

namespace MedVid.Video;

/// <summary>Reads a video's metadata with ffprobe and checks that the file is a complete, decodable video.</summary>
public static class VideoProbe
{
    // How much of the end of the video is decoded to prove the file is not cut short.
    private static readonly TimeSpan TailToDecode = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Probes <paramref name="path"/> and validates it. Throws <see cref="FileNotFoundException"/>
    /// when the file does not exist and <see cref="InvalidVideoException"/> when it is empty, has no
    /// video stream, is a still image, or is truncated or corrupt.
    /// </summary>
    public static async Task<VideoInfo> ProbeAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"video file not found: {path}", path);
        if (new FileInfo(path).Length == 0)
            throw new InvalidVideoException("the file is empty");

        var info = await ReadMetadataAsync(path, ct).ConfigureAwait(false);

        if (IsoBmffIntegrity.LooksLikeIsoBmff(path) && IsoBmffIntegrity.FindProblem(path) is { } problem)
            throw new InvalidVideoException($"the file is truncated or corrupt: {problem}");
        await CheckTailDecodesAsync(path, info, ct).ConfigureAwait(false);
        return info;
    }

    /// <summary>
    /// ffprobe's view of the file without the integrity checks: used by the decoder and
    /// transcoder, which have already been handed a validated file or will report ffmpeg's own error.
    /// </summary>
    internal static async Task<VideoInfo> ReadMetadataAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"video file not found: {path}", path);
        var result = await FfmpegTool.RunFfprobeAsync(
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var why = FfmpegProcess.LastLines(result.Stderr, 2);
            // An MP4 that ffprobe cannot open is almost always cut short (moov never written);
            // anything else it cannot open is simply not a video it knows.
            throw IsoBmffIntegrity.LooksLikeIsoBmff(path)
                ? new InvalidVideoException($"the file is truncated or corrupt: {why}")
                : new InvalidVideoException($"the file is not a video (or is corrupt): {why}");
        }
        using var json = JsonDocument.Parse(result.Stdout);
        return Parse(json.RootElement);
    }

    private static VideoInfo Parse(JsonElement root)
    {
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var formatName = GetString(format, "format_name") ?? "unknown";
        var stream = FindVideoStream(root)
            ?? throw new InvalidVideoException("no video stream: the file holds no moving picture");

        // Image demuxers (png_pipe, image2, ...) report a "video" stream for a single still image.
        if (formatName.EndsWith("_pipe", StringComparison.Ordinal) || formatName == "image2")
            throw new InvalidVideoException($"no video stream: the file is a still image ({formatName})");

        var fps = ParseRate(GetString(stream, "avg_frame_rate")) is > 0 and var avg
            ? avg
            : ParseRate(GetString(stream, "r_frame_rate"));
        // ffprobe names no codec (or "unknown") when the stream's codec id or tag maps to no codec it knows.
        var codec = GetString(stream, "codec_name");
        if (codec is null or "unknown" or "none")
            throw new InvalidVideoException(
                $"unsupported codec: ffmpeg has no decoder for the video stream (codec tag '{GetString(stream, "codec_tag_string") ?? "?"}')");

        var seconds = ParseDouble(GetString(stream, "duration")) ?? ParseDouble(GetString(format, "duration")) ?? 0;
        if (seconds <= 0 || GetString(stream, "nb_frames") == "0")
            throw new InvalidVideoException("no frames: the video stream holds no frames (zero duration)");

        // nb_frames is exact when the container indexes it (MP4); otherwise estimate from rate and duration.
        var frameCount = long.TryParse(GetString(stream, "nb_frames"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : (long)Math.Round(seconds * fps);
        if (frameCount <= 1)
            throw new InvalidVideoException("no video stream: the file has a single frame, a still image rather than a video");

        return new VideoInfo(
            TimeSpan.FromSeconds(seconds),
            fps,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            codec,
            ReadRotation(stream),
            frameCount,
            formatName);
    }

    private static JsonElement? FindVideoStream(JsonElement root)
    {
        if (!root.TryGetProperty("streams", out var streams))
            return null;
        foreach (var stream in streams.EnumerateArray())
        {
            // Cover art in MP4/MKV is a "video" stream flagged attached_pic: not the video itself.
            var attachedPicture = stream.TryGetProperty("disposition", out var d)
                && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1;
            if (GetString(stream, "codec_type") == "video" && !attachedPicture && stream.TryGetProperty("width", out _))
                return stream;
        }
        return null;
    }

    /// <summary>Display-matrix rotation (ffmpeg 5.x), falling back to the legacy "rotate" tag.</summary>
    private static int ReadRotation(JsonElement stream)
    {
        double degrees = 0;
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.ValueKind == JsonValueKind.Number)
                    degrees = r.GetDouble();
            }
        }
        else if (stream.TryGetProperty("tags", out var tags) && ParseDouble(GetString(tags, "rotate")) is { } tag)
        {
            // The legacy tag is clockwise; the display matrix convention used here is counterclockwise.
            degrees = -tag;
        }
        var normalised = (int)Math.Round(degrees / 90.0) * 90 % 360;
        return normalised < 0 ? normalised + 360 : normalised;
    }

    private static async Task CheckTailDecodesAsync(string path, VideoInfo info, CancellationToken ct)
    {
        var start = info.Duration > TailToDecode ? info.Duration - TailToDecode : TimeSpan.Zero;
        // Decode the tail to 16x16 gray thumbnails: cheap, and a damaged end shows up either as
        // decoder errors (-v error prints only those) or as no frame at all.
        string[] arguments =
        [
            "-v", "error", "-nostdin", "-ss", FfmpegArgs.Seconds(start), "-i", path,
            "-map", "0:v:0", "-vf", "scale=16:16", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
        ];
        await using var process = FfmpegProcess.Start(FfmpegTool.FfmpegPath, arguments, redirectStdin: false, redirectStdout: true);
        long bytes = 0;
        var buffer = new byte[16 * 16 * 8];
        int read;
        while ((read = await process.StdoutStream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            bytes += read;
        var exitCode = await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var errors = process.Stderr.Trim();
        if (exitCode != 0 || errors.Length > 0)
            throw new InvalidVideoException($"the file is truncated or corrupt: {FfmpegProcess.LastLines(errors, 2)}");
        if (bytes == 0)
            throw new InvalidVideoException("the file is truncated or corrupt: no frame could be decoded from the end of the video");
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()
            : null;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double ParseRate(string? text)
    {
        if (text is null)
            return 0;
        var parts = text.Split('/');
        if (parts.Length == 2 && ParseDouble(parts[0]) is { } num && ParseDouble(parts[1]) is { } den && den != 0)
            return num / den;
        return ParseDouble(text) ?? 0;
    }
}
