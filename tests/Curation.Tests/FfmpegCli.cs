using System.Diagnostics;

namespace MedVid.Curation.Tests;

/// <summary>Runs the ffmpeg command line to make test inputs (bad files, overlays on phantoms).</summary>
internal static class FfmpegCli
{
    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {error}");
    }
}
