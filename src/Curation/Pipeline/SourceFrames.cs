using MedVid.Video;

namespace MedVid.Curation.Pipeline;

/// <summary>A source decoded at analysis size: its frames in order, at <paramref name="Fps"/>.</summary>
public sealed record SourceFrames(SourceVideo Source, double Fps, IReadOnlyList<RgbFrame> Frames)
{
    public double DurationSeconds => Frames.Count / Fps;
}
