namespace MedVid.Rating.Statistics;

/// <summary>An automatic metric's values for one video (the key is the video's blob path).</summary>
public sealed record VideoMetrics(string Video, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The experts' score of one video on one criterion: the mean over its items of each item's mean over raters.</summary>
public sealed record VideoExpertScore(string Video, string Criterion, double Mean, int Ratings);

/// <summary>
/// Spearman's rho between one metric and one criterion over the videos that have both. Null figures: fewer than two
/// videos or a constant variable (rho), fewer than four (interval), fewer than three (p).
/// </summary>
public sealed record MetricCriterionAgreement(string Metric, string Criterion, int Videos, double? Rho, double? Lower, double? Upper, double? PValue);

/// <summary>
/// Agreement of automatic metrics with experts (issue 11): for every metric and every rated criterion, the rank
/// correlation between the metric and the experts' per-video scores over the videos both cover.
/// </summary>
public static class MetricAgreement
{
    public static List<MetricCriterionAgreement> Compute(IReadOnlyList<VideoMetrics> metrics, IReadOnlyList<VideoExpertScore> scores)
    {
        var byVideo = metrics.GroupBy(m => m.Video).ToDictionary(g => g.Key, g => g.First().Metrics);
        var metricNames = metrics.SelectMany(m => m.Metrics.Keys).Distinct().ToList();
        var result = new List<MetricCriterionAgreement>();
        foreach (var criterion in scores.Select(s => s.Criterion).Distinct())
        {
            var rated = scores.Where(s => s.Criterion == criterion && byVideo.ContainsKey(s.Video)).ToList();
            foreach (var metric in metricNames)
            {
                var pairs = rated.Where(s => byVideo[s.Video].TryGetValue(metric, out var v) && double.IsFinite(v))
                    .Select(s => (Metric: byVideo[s.Video][metric], Expert: s.Mean)).ToList();
                var rho = SpearmanCorrelation.Compute(pairs.Select(p => p.Metric).ToList(), pairs.Select(p => p.Expert).ToList());
                result.Add(new MetricCriterionAgreement(metric, criterion, pairs.Count, rho?.Rho, Finite(rho?.Lower), Finite(rho?.Upper), Finite(rho?.PValue)));
            }
        }
        return result;
    }

    /// <summary>
    /// Per video and criterion, the mean of its items' means over raters (a video rated in two items weighs each item
    /// once). Gold items are not passed in: they measure raters, not videos.
    /// </summary>
    public static List<VideoExpertScore> VideoScores(IReadOnlyList<(string ItemId, string Video)> items, IReadOnlyList<AnalysisRating> ratings)
    {
        var videoOf = items.ToDictionary(i => i.ItemId, i => i.Video);
        return ratings.Where(r => videoOf.ContainsKey(r.ItemId))
            .GroupBy(r => (Video: videoOf[r.ItemId], r.Criterion))
            .Select(g => new VideoExpertScore(g.Key.Video, g.Key.Criterion,
                g.GroupBy(r => r.ItemId).Average(item => item.Average(r => (double)r.Value)), g.Count()))
            .OrderBy(s => s.Video, StringComparer.Ordinal).ThenBy(s => s.Criterion, StringComparer.Ordinal)
            .ToList();
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
