using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Video;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>MedGen's temporal-consistency rule with a pixel-level similarity instead of CLIP:
/// the Pearson correlation of adjacent frames' luma thumbnails. Correlation ignores global
/// brightness drift, and thumbnails make it tolerant of small motion.</summary>
public sealed class TemporalConsistencyFilter(TemporalConsistencyConfig config) : IClipFilter
{
    public string Stage => StageNames.TemporalConsistency;

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        double min = 1, sum = 0;
        int pairs = 0, worstFrame = 0;
        float[]? previous = null;
        for (int i = 0; i < clip.Frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = Thumbnail(clip.Frames[i], config.ThumbnailSize);
            if (previous is not null)
            {
                double similarity = Correlation(previous, current);
                sum += similarity;
                pairs++;
                if (similarity < min)
                {
                    min = similarity;
                    worstFrame = i;
                }
            }
            previous = current;
        }
        double mean = pairs == 0 ? 1 : sum / pairs;
        var metrics = new Dictionary<string, double>
        {
            ["temporal.minSimilarity"] = min,
            ["temporal.meanSimilarity"] = mean,
            ["temporal.worstFrame"] = worstFrame,
        };
        return Task.FromResult(min >= config.MinAdjacentSimilarity
            ? StageDecision.Keep(clip.Id, Stage, $"adjacent similarity >= {min:0.###}", metrics)
            : StageDecision.Drop(clip.Id, Stage, $"adjacent-frame similarity below {config.MinAdjacentSimilarity}", metrics));
    }

    private static float[] Thumbnail(RgbFrame frame, int size) =>
        GrayImage.FromRgb(FrameResizer.Resize(frame, Math.Min(size, frame.Width), Math.Min(size, frame.Height))).Data;

    /// <summary>Pearson correlation; two flat images are identical (1), flat against textured unrelated (0).</summary>
    internal static double Correlation(float[] a, float[] b)
    {
        double meanA = a.Average(v => (double)v), meanB = b.Average(v => (double)v);
        double cov = 0, varA = 0, varB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        const double flat = 1e-6;
        if (varA < flat && varB < flat) return Math.Abs(meanA - meanB) < 8 ? 1 : 0;
        if (varA < flat || varB < flat) return 0;
        return cov / Math.Sqrt(varA * varB);
    }
}
