using MedVid.Curation.Config;

namespace MedVid.Curation.Stages;

/// <summary>PySceneDetect's ContentDetector: frame i is a cut when its score reaches the threshold and
/// at least <c>minSceneLength</c> frames have passed since the previous cut (or since the first frame,
/// so no scene shorter than the minimum is created at the start either).</summary>
public sealed class ContentSceneDetector(double threshold, int minSceneLength) : ISceneDetector
{
    public ContentSceneDetector(SceneDetectionConfig config) : this(config.Threshold, config.MinSceneLengthFrames) { }

    public IReadOnlyList<int> DetectCuts(IReadOnlyList<double> scores)
    {
        var cuts = new List<int>();
        int lastCut = 0;
        for (int i = 1; i < scores.Count; i++)
        {
            if (scores[i] >= threshold && i - lastCut >= minSceneLength)
            {
                cuts.Add(i);
                lastCut = i;
            }
        }
        return cuts;
    }
}
