
namespace MedVid.Rating.Statistics;

/// <summary>The known answer of a gold item on one criterion (for pairs, a <see cref="Rating.Protocols.PairOutcome"/> value).</summary>
public sealed record GoldAnswer(string ItemId, string Criterion, int Value);

/// <summary>How often one rater matched the gold answers, with a Wilson interval.</summary>
public sealed record RaterReliability(string RaterId, ProportionInterval Accuracy);

/// <summary>
/// Rater reliability from gold items (issue 11: items with known answers mixed into a campaign, shown to its owner):
/// per rater, the share of their ratings on gold items that match the known answer, with a 95% Wilson interval. For
/// ordinal scales a tolerance can count near misses (|value - answer| &lt;= tolerance) as correct. Ratings on other
/// items are ignored; a rater with no gold ratings is not listed.
/// </summary>
public static class GoldItemReliability
{
    public static IReadOnlyList<RaterReliability> Compute(IReadOnlyList<GoldAnswer> gold, IReadOnlyList<AnalysisRating> ratings, int tolerance = 0, double confidence = 0.95)
    {
        if (tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance));
        var answers = gold.ToDictionary(g => (g.ItemId, g.Criterion), g => g.Value);
        return ratings
            .Where(r => answers.ContainsKey((r.ItemId, r.Criterion)))
            .GroupBy(r => r.RaterId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var correct = g.Count(r => Math.Abs(r.Value - answers[(r.ItemId, r.Criterion)]) <= tolerance);
                return new RaterReliability(g.Key, WilsonInterval.Of(correct, g.Count(), confidence));
            })
            .ToList();
    }
}
