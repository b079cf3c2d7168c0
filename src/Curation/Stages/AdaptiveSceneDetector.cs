using MedVid.Curation.Config;

namespace MedVid.Curation.Stages;

/// <summary>PySceneDetect's AdaptiveDetector: a frame's score is divided by the mean score of the
/// <c>window</c> frames on each side of it. During a fast camera move all neighbours score high, so
/// the ratio stays low; a real cut is one isolated spike. A cut needs the ratio to reach the
/// adaptive threshold and the score itself to reach <c>minContentValue</c>, and respects the
/// minimum scene length from the previous cut.</summary>
public sealed class AdaptiveSceneDetector(double adaptiveThreshold, int window, double minContentValue, int minSceneLength)
    : ISceneDetector
{
    private const double MaxRatio = 255.0;

    public AdaptiveSceneDetector(SceneDetectionConfig config)
        : this(config.AdaptiveThreshold, config.AdaptiveWindowFrames, config.AdaptiveMinContentValue, config.MinSceneLengthFrames) { }

    public IReadOnlyList<int> DetectCuts(IReadOnlyList<double> scores)
    {
        var cuts = new List<int>();
        int? lastCut = null;
        // Frame 0 has no score of its own, so windows start at frame 1; frames without a full
        // window on both sides cannot be judged, as in PySceneDetect's buffered implementation.
        for (int target = 1 + window; target + window < scores.Count; target++)
        {
            double ratio = Ratio(scores, target);
            if (ratio < adaptiveThreshold || scores[target] < minContentValue) continue;
            if (lastCut is null || target - lastCut.Value >= minSceneLength)
            {
                cuts.Add(target);
                lastCut = target;
            }
        }
        return cuts;
    }

    /// <summary>A frame's score over the mean of its neighbours; 255 (the cap) when the neighbours are
    /// all still and the frame itself changes enough.</summary>
    private double Ratio(IReadOnlyList<double> scores, int target)
    {
        double sum = 0;
        for (int k = target - window; k <= target + window; k++)
            if (k != target) sum += scores[k];
        double mean = sum / (2.0 * window);
        if (Math.Abs(mean) < 1e-5) return scores[target] >= minContentValue ? MaxRatio : 0.0;
        return Math.Min(scores[target] / mean, MaxRatio);
    }
}
