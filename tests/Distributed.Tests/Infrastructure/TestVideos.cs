using System.Collections.Concurrent;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>Test-pattern MP4s made with ffmpeg at test time (never committed), kept in a temp folder between runs.</summary>
internal static class TestVideos
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "medvid-distributed-test-videos");
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Made = new();

    /// <summary>A testsrc video of the given length and size (MPEG-4 part 2, cheap to make; the proxy encode to H.264 costs the host real time).</summary>
    public static Task<string> TestPatternAsync(int seconds, int width, int height, int fps = 30)
    {
        var name = $"testsrc-{seconds}s-{width}x{height}-{fps}fps.mp4";
        return Made.GetOrAdd(name, n => new Lazy<Task<string>>(() => MakeAsync(n, seconds, width, height, fps))).Value;
    }

    private static async Task<string> MakeAsync(string name, int seconds, int width, int height, int fps)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        if (File.Exists(path)) return path; // made by an earlier run: same parameters, same content
        var partial = $"{path}.{Environment.ProcessId}.partial.mp4";
        await Shell.RunAsync("ffmpeg",
            ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={fps}", "-t", seconds.ToString(),
             "-c:v", "mpeg4", "-q:v", "4", "-pix_fmt", "yuv420p", partial],
            TimeSpan.FromSeconds(120));
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
