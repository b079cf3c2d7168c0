namespace MedVid.Curation.Clips;

/// <summary>A clip that passed curation: where it comes from, how to render it, its captions and split.
/// It carries no pixels; rendering (decode the range, shape, encode) is the host's job
/// (see <see cref="Rendering.ClipFrameShaper"/> and <see cref="Rendering.VideoCurationRunner"/>).</summary>
public sealed record CuratedClip(
    string Id,
    CurationSource Source,
    double StartSeconds,
    double EndSeconds,
    double Fps,
    FramePlan Plan,
    IReadOnlyList<string> Captions,
    IReadOnlyDictionary<string, double> Metrics,
    DatasetSplit Split)
{
    public double DurationSeconds => EndSeconds - StartSeconds;
}

public enum DatasetSplit
{
    Train,
    Test,
}

internal static class CuratedClipMetrics
{
    public static IReadOnlyDictionary<string, double> WithMetricsOf(this CuratedClip clip, IReadOnlyDictionary<string, double> more)
    {
        var merged = new Dictionary<string, double>(clip.Metrics);
        foreach (var (key, value) in more) merged[key] = value;
        return merged;
    }
}
