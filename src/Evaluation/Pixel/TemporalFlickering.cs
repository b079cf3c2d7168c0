using MedVid.Evaluation.Flow;
using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Pixel;

/// <summary>Flicker of one video: the VBench-style score (1 = no flicker) with the quantities it was computed from.</summary>
/// <param name="Score">1 - (mean absolute difference on static pixels) / 255, in [0, 1]; null when no pixel was ever static.</param>
/// <param name="MeanAbsoluteDifference">Mean |I(t+1) - I(t)| over static pixels and the three channels, 0..255.</param>
/// <param name="StaticFraction">Share of (pixel, frame pair) samples that counted as static.</param>
/// <param name="PairDifferences">Per consecutive pair, the mean absolute difference on its static pixels (NaN if none).</param>
public sealed record FlickerResult(double? Score, double MeanAbsoluteDifference, double StaticFraction, IReadOnlyList<double> PairDifferences);

/// <summary>
/// VBench's temporal flickering (Huang et al., "VBench", CVPR 2024, section 3.1; used by Bora table 3 and MedGen's
/// Med-VBench): the mean absolute difference between consecutive frames, mapped to (255 - MAE) / 255 so that 1 means
/// no flicker. VBench runs it only on videos generated from prompts of static scenes, so every change is flicker. Our
/// videos move (a beating ventricle, an advancing endoscope), so the difference is taken only where the scene is static:
/// pixels whose Farnebäck flow to the next frame is below <see cref="StaticFlowThreshold"/>. Intensity changes there
/// (brightness pumping, re-drawn texture, noise) are flicker; displacement is not.
/// </summary>
public static class TemporalFlickering
{
    /// <summary>A pixel moving less than this many pixels between consecutive frames counts as static.</summary>
    public const float StaticFlowThreshold = 0.5f;

    public static FlickerResult Measure(FrameSequence video, IReadOnlyList<FlowField>? consecutiveFlows = null)
    {
        if (video.Count < 2) throw new ArgumentException("Flicker needs at least two frames.", nameof(video));
        var flows = consecutiveFlows ?? FarnebackFlow.Consecutive(video);
        if (flows.Count != video.Count - 1) throw new ArgumentException("Expected one flow field per consecutive frame pair.", nameof(consecutiveFlows));
        double totalDifference = 0;
        long staticSamples = 0;
        var pairDifferences = new double[video.Count - 1];
        for (var t = 0; t + 1 < video.Count; t++)
        {
            var (a, b, flow) = (video.Rgb(t), video.Rgb(t + 1), flows[t]);
            double pairSum = 0;
            long pairCount = 0;
            for (var i = 0; i < flow.Dx.Length; i++)
            {
                if (flow.Magnitude(i) >= StaticFlowThreshold) continue;
                var j = 3 * i;
                pairSum += (Math.Abs(b[j] - a[j]) + Math.Abs(b[j + 1] - a[j + 1]) + Math.Abs(b[j + 2] - a[j + 2])) / 3.0;
                pairCount++;
            }
            pairDifferences[t] = pairCount == 0 ? double.NaN : pairSum / pairCount;
            totalDifference += pairSum;
            staticSamples += pairCount;
        }
        var allSamples = (double)(video.Count - 1) * video.Width * video.Height;
        if (staticSamples == 0) return new FlickerResult(null, double.NaN, 0, pairDifferences);
        var mean = totalDifference / staticSamples;
        return new FlickerResult(1 - mean / 255, mean, staticSamples / allSamples, pairDifferences);
    }
}
