namespace MedVid.Curation.Clips;

/// <summary>Which of a clip's frames go into the training clip, and how many black frames follow.</summary>
/// <param name="FrameIndices">Indices into the clip's frames (at the analysis frame rate), in order.</param>
/// <param name="PaddingFrames">All-zero frames appended after them (Ophora's fixed-length padding).</param>
/// <param name="Interval">Frames skipped between kept frames by adaptive sampling (0 = every frame).</param>
public sealed record FramePlan(IReadOnlyList<int> FrameIndices, int PaddingFrames, int Interval)
{
    public int OutputFrameCount => FrameIndices.Count + PaddingFrames;

    /// <summary>The rate at which the kept frames play back in real time: the analysis rate divided by
    /// the mean index step (interval + 1 for adaptive sampling, larger after uniform down-sampling).</summary>
    public double OutputFps(double analysisFps)
    {
        if (FrameIndices.Count < 2) return analysisFps / (Interval + 1);
        double span = FrameIndices[^1] - FrameIndices[0];
        return span <= 0 ? analysisFps : analysisFps * (FrameIndices.Count - 1) / span;
    }
}
