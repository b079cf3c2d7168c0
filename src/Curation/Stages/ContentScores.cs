using MedVid.Curation.Imaging;
using MedVid.Video;

namespace MedVid.Curation.Stages;

/// <summary>PySceneDetect's per-frame content score: the mean HSV change against the previous frame.</summary>
public static class ContentScores
{
    /// <summary>Score of every frame against its predecessor; element 0 is 0 (nothing to compare with).</summary>
    public static double[] Compute(IReadOnlyList<RgbFrame> frames, CancellationToken cancellationToken = default)
    {
        var scores = new double[frames.Count];
        HsvPlanes? previous = null;
        for (int i = 0; i < frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = HsvPlanes.FromRgb(frames[i]);
            if (previous is not null) scores[i] = HsvPlanes.Delta(current, previous).Score;
            previous = current;
        }
        return scores;
    }
}
