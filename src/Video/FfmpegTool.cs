namespace MedVid.Video;

/// <summary>
/// Finds the ffmpeg and ffprobe executables on PATH and starts them.
/// Every video operation in MedVid goes through here so that a missing install gives
/// one clear message instead of a Win32Exception from Process.Start.
/// </summary>
public static class FfmpegTool
{
    public const string MissingMessage = "ffmpeg is not installed (apt-get install ffmpeg)";

    private static readonly Lazy<string?> FfmpegOnPath = new(() => Locate("ffmpeg", Environment.GetEnvironmentVariable("PATH")));
    private static readonly Lazy<string?> FfprobeOnPath = new(() => Locate("ffprobe", Environment.GetEnvironmentVariable("PATH")));

    /// <summary>Full path of ffmpeg; throws <see cref="FfmpegNotFoundException"/> when it is not on PATH.</summary>
    public static string FfmpegPath => FfmpegOnPath.Value ?? throw new FfmpegNotFoundException(MissingMessage);

    /// <summary>Full path of ffprobe (installed by the same Debian package as ffmpeg).</summary>
    public static string FfprobePath => FfprobeOnPath.Value ?? throw new FfmpegNotFoundException(MissingMessage);

    public static bool IsAvailable => FfmpegOnPath.Value is not null && FfprobeOnPath.Value is not null;

    /// <summary>
    /// Looks for an executable named <paramref name="name"/> in the directories of a PATH-style
    /// string. Returns null when none of them holds it. Public so callers (and tests) can search
    /// a PATH other than the process's own.
    /// </summary>
    public static string? Locate(string name, string? searchPath)
    {
        if (string.IsNullOrEmpty(searchPath))
            return null;
        var candidates = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : new[] { name };
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in candidates)
            {
                var full = Path.Combine(dir, candidate);
                if (File.Exists(full))
                    return full;
            }
        }
        return null;
    }

    /// <summary>Runs ffmpeg to completion and throws <see cref="FfmpegException"/> with its stderr when it fails.</summary>
    public static Task<FfmpegResult> RunFfmpegAsync(IEnumerable<string> arguments, CancellationToken ct = default) =>
        RunAsync(FfmpegPath, arguments, ct);

    /// <summary>Runs ffprobe to completion; the caller decides what a non-zero exit means.</summary>
    public static Task<FfmpegResult> RunFfprobeAsync(IEnumerable<string> arguments, CancellationToken ct = default) =>
        RunAsync(FfprobePath, arguments, ct, throwOnFailure: false);

    private static async Task<FfmpegResult> RunAsync(string exe, IEnumerable<string> arguments, CancellationToken ct, bool throwOnFailure = true)
    {
        await using var process = FfmpegProcess.Start(exe, arguments, redirectStdin: false, redirectStdout: true);
        var stdout = process.Stdout.ReadToEndAsync(ct);
        var exitCode = await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var result = new FfmpegResult(exitCode, await stdout.ConfigureAwait(false), process.Stderr);
        if (throwOnFailure && exitCode != 0)
            throw new FfmpegException(Path.GetFileName(exe), exitCode, result.Stderr);
        return result;
    }
}

/// <summary>What a finished ffmpeg/ffprobe run printed.</summary>
public sealed record FfmpegResult(int ExitCode, string Stdout, string Stderr);
