namespace MedVid.Video;

/// <summary>
/// What <see cref="VideoProbe"/> learned about a video file.
/// Width and Height are the coded (stored) size; <see cref="Rotation"/> is the display-matrix
/// rotation as ffprobe reports it (degrees counterclockwise, normalised to 0, 90, 180 or 270)
/// that players and ffmpeg apply on decode, so the picture a viewer sees is
/// <see cref="DisplayWidth"/> x <see cref="DisplayHeight"/>.
/// </summary>
public sealed record VideoInfo(
    TimeSpan Duration,
    double Fps,
    int Width,
    int Height,
    string Codec,
    int Rotation,
    long FrameCount,
    string FormatName)
{
    private bool IsQuarterTurn => Rotation is 90 or 270;

    public int DisplayWidth => IsQuarterTurn ? Height : Width;

    public int DisplayHeight => IsQuarterTurn ? Width : Height;
}
