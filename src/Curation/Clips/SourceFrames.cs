using MedVid.Video;

namespace MedVid.Curation.Clips;

/// <summary>A source (or one analysis window of it) decoded at analysis size: its frames in order,
/// at <paramref name="Fps"/>. <see cref="FrameOffset"/> is the index of the first frame within the
/// whole source, so clip times stay source times when a long source comes in windows.</summary>
public sealed record SourceFrames(CurationSource Source, double Fps, IReadOnlyList<RgbFrame> Frames)
{
    public int FrameOffset { get; init; }

    /// <summary>Frames in the whole source when known (progress reporting across windows).</summary>
    public int? SourceFrameCount { get; init; }

    public double DurationSeconds => Frames.Count / Fps;
}
