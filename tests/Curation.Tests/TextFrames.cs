using System.Diagnostics;

namespace MedVid.Curation.Tests;

/// <summary>Renders text onto a frame with ffmpeg's drawtext filter (DejaVu Sans from fonts-dejavu-core,
/// installed by infra/install/curation-deps.sh).</summary>
internal static class TextFrames
{
    public const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public static RgbFrame Render(int width, int height, IReadOnlyList<string> lines, int fontSize = 28)
    {
        if (!File.Exists(FontFile)) throw new InvalidOperationException($"{FontFile} is missing; run infra/install/curation-deps.sh.");
        var filters = lines.Select((line, i) =>
            $"drawtext=fontfile={FontFile}:text='{line}':fontsize={fontSize}:fontcolor=white:x=24:y={24 + i * (fontSize + 16)}");
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"color=c=0x202838:s={width}x{height}",
            "-vf", string.Join(",", filters), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        }) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg drawtext failed: {error}");
        return new RgbFrame(width, height, buffer.ToArray());
    }
}
