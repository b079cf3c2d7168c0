using System.Diagnostics;

namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>A video made at test time with ffmpeg's test pattern (made once per run).</summary>
public static class TestVideos
{
    private static readonly Lazy<Task<byte[]>> TestPattern = new(MakeTestPatternAsync);

    /// <summary>3 s of testsrc, 160x120 at 10 fps, MPEG-4 Part 2 in MP4 (so the browser proxy is a real H.264 transcode).</summary>
    public static Task<byte[]> TestPatternMp4() => TestPattern.Value;

    /// <summary>Writes the test pattern to a file (for the browser's file chooser) and returns its path.</summary>
    public static async Task<string> WriteTestPatternAsync(string folder, string fileName)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, await TestPatternMp4());
        return path;
    }

    private static async Task<byte[]> MakeTestPatternAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"medvid-browser-testsrc-{Guid.NewGuid():N}.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=160x120:rate=10", "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", path })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg exited {process.ExitCode}: {await stderr}");
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
