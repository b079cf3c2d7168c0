namespace MedVid.Video;

/// <summary>
/// How to decode: output size (one side alone keeps the display aspect), frame rate, time window
/// and a frame limit. Scaling and rate conversion happen inside ffmpeg, so asking for 64x64 never
/// materialises full-size frames in .NET memory.
/// </summary>
public sealed record DecodeOptions(
    int? Width = null,
    int? Height = null,
    double? Fps = null,
    TimeSpan? Start = null,
    TimeSpan? Duration = null,
    int? MaxFrames = null)
{
    public static DecodeOptions Native { get; } = new();

    internal void Validate()
    {
        if (Width is <= 0 || Height is <= 0)
            throw new ArgumentException("decode width and height must be positive");
        if (Fps is { } fps && (fps <= 0 || double.IsNaN(fps) || double.IsInfinity(fps)))
            throw new ArgumentException("decode fps must be a positive number");
        if (Start is { } start && start < TimeSpan.Zero)
            throw new ArgumentException("decode start must not be negative");
        if (Duration is { } duration && duration <= TimeSpan.Zero)
            throw new ArgumentException("decode duration must be positive");
        if (MaxFrames is <= 0)
            throw new ArgumentException("max frames must be positive");
    }

    /// <summary>The frame size that will come out for a video whose display size is <paramref name="displayWidth"/> x <paramref name="displayHeight"/>.</summary>
    public (int Width, int Height) OutputSize(int displayWidth, int displayHeight) => (Width, Height) switch
    {
        ({ } w, { } h) => (w, h),
        ({ } w, null) => (w, Math.Max(1, (int)Math.Round(w * (double)displayHeight / displayWidth))),
        (null, { } h) => (Math.Max(1, (int)Math.Round(h * (double)displayWidth / displayHeight)), h),
        _ => (displayWidth, displayHeight),
    };
}
