using MedVid.Video;

namespace MedVid.Curation.Clips;

/// <summary>A clip cut from a source, as the filters see it.</summary>
/// <param name="Id">Unique clip id: "{sourceId}/{index}".</param>
/// <param name="StartFrame">First frame (inclusive) within the whole source, at the analysis frame rate.</param>
/// <param name="EndFrame">End frame (exclusive).</param>
/// <param name="Frames">The clip's frames at analysis size.</param>
/// <param name="ContentScores">PySceneDetect content score of each frame against its predecessor
/// within the clip (element 0 is 0); computed once at segmentation and reused by keyframe detection.</param>
public sealed record CandidateClip(
    string Id,
    CurationSource Source,
    int StartFrame,
    int EndFrame,
    double Fps,
    IReadOnlyList<RgbFrame> Frames,
    IReadOnlyList<double> ContentScores)
{
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public double StartSeconds => StartFrame / Fps;
    public double EndSeconds => EndFrame / Fps;
    public double DurationSeconds => (EndFrame - StartFrame) / Fps;

    public CandidateClip WithMetrics(IReadOnlyDictionary<string, double> more)
    {
        if (more.Count == 0) return this;
        var merged = new Dictionary<string, double>(Metrics);
        foreach (var (key, value) in more) merged[key] = value;
        return this with { Metrics = merged };
    }

    /// <summary>Builds a clip directly from frames (scores computed here), for callers outside segmentation.</summary>
    public static CandidateClip FromFrames(string id, CurationSource source, double fps, IReadOnlyList<RgbFrame> frames) =>
        new(id, source, 0, frames.Count, fps, frames, Stages.ContentScores.Compute(frames));
}
