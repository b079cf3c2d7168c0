using MedVid.Phantoms;
using MedVid.Rating.Statistics;

namespace MedVid.PhantomsBench;

/// <summary>
/// Does the stated value (heart rate, speed and polyp, cell count, articulator rate) change the video, or only the
/// modality? The held-out prompts are sampled once more with one seed for all, so two videos differ only by their
/// prompts. <see cref="WithinModality"/>: per modality, the mean relative difference ‖a − b‖ / mean(‖a‖, ‖b‖) between
/// the videos of its prompts (0: the value is ignored); <see cref="BetweenModalities"/>: the same between videos of
/// different modalities, the scale a followed prompt gives. <see cref="HeartRateRank"/> and <see cref="CellRank"/>:
/// Spearman's ρ between asked and read values over those videos (1: the read value rises with the asked one).
/// </summary>
public sealed record AttributeEffect(
    IReadOnlyDictionary<Modality, double> WithinModality, double BetweenModalities, double? HeartRateRank, double? CellRank)
{
    /// <param name="videos">Each score's video as pixel values, all of one shape.</param>
    public static AttributeEffect Measure(IReadOnlyList<VideoScore> scores, IReadOnlyList<float[]> videos)
    {
        if (scores.Count != videos.Count || scores.Count < 2)
            throw new ArgumentException("one video per score, at least two", nameof(videos));
        var within = new Dictionary<Modality, List<double>>();
        var between = new List<double>();
        for (var i = 0; i < scores.Count; i++)
            for (var j = i + 1; j < scores.Count; j++)
            {
                var difference = RelativeDifference(videos[i], videos[j]);
                if (scores[i].Case.Modality == scores[j].Case.Modality)
                    (within.TryGetValue(scores[i].Case.Modality, out var list) ? list : within[scores[i].Case.Modality] = []).Add(difference);
                else
                    between.Add(difference);
            }
        return new AttributeEffect(
            within.ToDictionary(kv => kv.Key, kv => kv.Value.Average()),
            between.Count == 0 ? double.NaN : between.Average(),
            // Whole bpm, as printed: the rate estimator's reads of one flickering clip differ in the decimals only.
            Rank(scores, s => s.Case.Target is EchoPhantom e ? e.HeartRateBpm : null, s => s.HeartRateBpm is { } bpm ? Math.Round(bpm) : null),
            Rank(scores, s => s.Case.Target is MicroscopyPhantom m ? m.CellCount : null, s => s.Cells));
    }

    public static double RelativeDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("videos of different shapes");
        double difference = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            difference += (a[i] - b[i]) * (double)(a[i] - b[i]);
            normA += a[i] * (double)a[i];
            normB += b[i] * (double)b[i];
        }
        var scale = (Math.Sqrt(normA) + Math.Sqrt(normB)) / 2;
        return scale == 0 ? 0 : Math.Sqrt(difference) / scale;
    }

    /// <summary>Spearman's ρ (average ranks for ties) over the videos with both values; null below three or when either side is constant.</summary>
    private static double? Rank(IReadOnlyList<VideoScore> scores, Func<VideoScore, double?> asked, Func<VideoScore, double?> read)
    {
        var pairs = scores.Select(s => (Asked: asked(s), Read: read(s))).Where(p => p.Asked is not null && p.Read is not null).ToList();
        // Below three pairs a rank correlation says nothing; a constant read value gives none (null).
        return pairs.Count < 3 ? null : SpearmanCorrelation.Compute([.. pairs.Select(p => p.Asked!.Value)], [.. pairs.Select(p => p.Read!.Value)])?.Rho;
    }

    public Dictionary<string, object?> ToJson() => new()
    {
        ["within_modality"] = WithinModality.OrderBy(kv => kv.Key.BoraName(), StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key.BoraName(), kv => (object)Math.Round(kv.Value, 4)),
        ["between_modalities"] = double.IsFinite(BetweenModalities) ? Math.Round(BetweenModalities, 4) : null,
        ["heart_rate_rank"] = HeartRateRank is { } hr ? Math.Round(hr, 3) : null,
        ["cell_rank"] = CellRank is { } cells ? Math.Round(cells, 3) : null,
    };
}
