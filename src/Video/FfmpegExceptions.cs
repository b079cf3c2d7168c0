namespace MedVid.Video;

/// <summary>ffmpeg or ffprobe is not installed on this machine.</summary>
public sealed class FfmpegNotFoundException(string message) : InvalidOperationException(message);

/// <summary>ffmpeg exited with an error; the message carries the tail of its stderr.</summary>
public sealed class FfmpegException(string tool, int exitCode, string stderr)
    : Exception($"{tool} failed (exit code {exitCode}): {FfmpegProcess.LastLines(stderr, 6)}")
{
    public int ExitCode { get; } = exitCode;
    public string Stderr { get; } = stderr;
}

/// <summary>
/// The file is not a usable video: empty, no video stream, a single image, or truncated/corrupt.
/// The message says which in plain words, so it can be shown to the user who uploaded the file.
/// </summary>
public sealed class InvalidVideoException(string message, Exception? inner = null) : Exception(message, inner);
