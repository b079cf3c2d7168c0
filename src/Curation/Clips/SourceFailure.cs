using MedVid.Video;

namespace MedVid.Curation.Clips;

/// <summary>A source that could not be curated: its id, a stable reason (statistics count by it) and the
/// detail in plain words (ffmpeg's message, the measured size). The rest of the batch goes on without it.</summary>
public sealed record SourceFailure(string SourceId, string Reason, string Detail)
{
    /// <summary>Stable reasons, as they appear in the "source" stage's drop reasons.</summary>
    public static class Reasons
    {
        public const string FileNotFound = "file not found";
        public const string EmptyFile = "empty file";
        public const string NotAVideo = "not a video";
        public const string NoVideoStream = "no video stream";
        public const string NoFrames = "no frames";
        public const string Truncated = "truncated or corrupt";
        public const string UnsupportedCodec = "unsupported codec";
        public const string TooLarge = "frame size above the maximum";
        public const string DecodeFailed = "decoding failed";
        public const string InvalidVideo = "invalid video";
    }

    // Message prefixes of InvalidVideoException (docs/video-io.md) mapped to stable reasons.
    private static readonly (string Prefix, string Reason)[] Prefixes =
    [
        ("the file is empty", Reasons.EmptyFile),
        ("the file is not a video", Reasons.NotAVideo),
        ("no video stream", Reasons.NoVideoStream),
        ("no frames", Reasons.NoFrames),
        ("the file is truncated or corrupt", Reasons.Truncated),
        ("unsupported codec", Reasons.UnsupportedCodec),
    ];

    /// <summary>The failure an exception means for one source, or null when the exception is not the
    /// source's fault (cancellation, ffmpeg or tesseract missing, a bug) and must fail the whole run.</summary>
    public static SourceFailure? FromException(string sourceId, Exception exception) => exception switch
    {
        UnusableSourceException unusable => new SourceFailure(sourceId, unusable.Reason, unusable.Message),
        InvalidVideoException invalid => new SourceFailure(sourceId, ReasonOf(invalid.Message), invalid.Message),
        FfmpegException ffmpeg => new SourceFailure(sourceId, Reasons.DecodeFailed, ffmpeg.Message),
        FileNotFoundException missing => new SourceFailure(sourceId, Reasons.FileNotFound, missing.Message),
        _ => null,
    };

    private static string ReasonOf(string message)
    {
        foreach (var (prefix, reason) in Prefixes)
            if (message.StartsWith(prefix, StringComparison.Ordinal)) return reason;
        return Reasons.InvalidVideo;
    }
}

/// <summary>Thrown by a frame loader (or the runner) when a source cannot be used; the pipeline records it
/// as a failed source with <see cref="Reason"/> and goes on with the others.</summary>
public sealed class UnusableSourceException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
