using MedVid.Evaluation.Flow;
using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Pixel;

/// <summary>Whether one video moves, VBench's way, with the per-pair motion it was decided from.</summary>
/// <param name="IsDynamic">At least <paramref name="RequiredPairs"/> frame pairs moved more than <paramref name="Threshold"/>.</param>
/// <param name="PairMotion">Per frame pair (after resampling to about 8 fps), the mean of the largest 5% flow magnitudes, in pixels.</param>
/// <param name="Threshold">Pixels: 6 x (shorter side / 256) x max(1, 8 / fps).</param>
/// <param name="RequiredPairs">round(4 x resampled frame count / 16), at least 1.</param>
/// <param name="PairsAboveThreshold">How many pairs exceeded the threshold.</param>
/// <param name="Stride">Frames skipped per step to bring the clip to about 8 fps.</param>
public sealed record DynamicDegreeResult(bool IsDynamic, IReadOnlyList<double> PairMotion, double Threshold, int RequiredPairs, int PairsAboveThreshold, int Stride)
{
    /// <summary>Mean of <see cref="PairMotion"/>: a continuous motion amount for curves across checkpoints (0 when static).</summary>
    public double MeanMotion => PairMotion.Count == 0 ? 0 : PairMotion.Average();
}

/// <summary>
/// VBench's dynamic degree (Huang et al., "VBench", CVPR 2024, section 3.1; Bora table 3): optical flow between
/// consecutive frames of the clip resampled to about 8 fps; per pair, the mean of the largest 5% of flow magnitudes
/// (so a small moving object counts); a video is dynamic when enough pairs exceed a threshold scaled to the frame size.
/// The dimension's score over a set of videos is the share of dynamic ones (<see cref="Share"/>). VBench estimates flow
/// with RAFT; here Farnebäck (no weights to download), so thresholds near the boundary may decide differently.
/// </summary>
public static class DynamicDegree
{
    private const double TopShare = 0.05;

    public static DynamicDegreeResult Measure(FrameSequence video)
    {
        if (video.Count < 2) throw new ArgumentException("Dynamic degree needs at least two frames.", nameof(video));
        // VBench keeps every round(fps / 8)-th frame; Python's round is half-to-even.
        var stride = Math.Max(1, (int)Math.Round(video.Fps / 8, MidpointRounding.ToEven));
        var sampled = video.EveryNth(stride);
        var threshold = Math.Max(1.0, 8.0 / video.Fps) * 6.0 * (Math.Min(video.Width, video.Height) / 256.0);
        // VBench's round(4 x count / 16) is 0 for clips of two or fewer frames, which would call a still clip dynamic;
        // at least one moving pair is required here.
        var required = Math.Max(1, (int)Math.Round(4 * (sampled.Count / 16.0), MidpointRounding.ToEven));
        var motion = FarnebackFlow.Consecutive(sampled).Select(TopMagnitudeMean).ToList();
        var above = motion.Count(m => m > threshold);
        return new DynamicDegreeResult(above >= required, motion, threshold, required, above, stride);
    }

    /// <summary>The dimension's score over a set of videos: the share judged dynamic, in [0, 1].</summary>
    public static double Share(IReadOnlyCollection<DynamicDegreeResult> results) =>
        results.Count == 0 ? throw new ArgumentException("No videos.", nameof(results)) : results.Count(r => r.IsDynamic) / (double)results.Count;

    internal static double TopMagnitudeMean(FlowField flow)
    {
        var magnitudes = flow.Magnitudes();
        var take = Math.Max(1, (int)(magnitudes.Length * TopShare));
        Array.Sort(magnitudes);
        double sum = 0;
        for (var i = magnitudes.Length - take; i < magnitudes.Length; i++) sum += magnitudes[i];
        return sum / take;
    }
}
