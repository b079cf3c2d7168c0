using System.Diagnostics;
using MedVid.Phantoms;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>Videos made at test time: an ffmpeg test pattern and a synthetic phantom. Each is made once per test run.</summary>
public static class TestVideos
{
    private static readonly Lazy<Task<byte[]>> TestPattern = new(MakeTestPatternAsync);
    private static readonly Lazy<Task<byte[]>> PhantomClip = new(MakePhantomAsync);

    /// <summary>2 s of ffmpeg's testsrc, 160x120 at 10 fps, MPEG-4 Part 2 in MP4 (so the H.264 proxy is a real transcode).</summary>
    public static Task<byte[]> TestPatternMp4() => TestPattern.Value;

    /// <summary>An echo phantom from MedVid.Phantoms (the demo set's first clip).</summary>
    public static Task<byte[]> PhantomMp4() => PhantomClip.Value;

    private static async Task<byte[]> MakeTestPatternAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"medvid-functional-testsrc-{Guid.NewGuid():N}.mp4");
        await RunAsync("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=160x120:rate=10",
            "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", path);
        return await ReadAndDeleteAsync(path);
    }

    private static async Task<byte[]> MakePhantomAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"medvid-functional-phantom-{Guid.NewGuid():N}.mp4");
        await PhantomRenderer.RenderMp4Async(PhantomCatalog.Demo(seed: 7)[0], path);
        return await ReadAndDeleteAsync(path);
    }

    private static async Task<byte[]> ReadAndDeleteAsync(string path)
    {
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs a tool and returns its standard output; fails with its standard error when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
