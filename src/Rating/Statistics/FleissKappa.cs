namespace MedVid.Rating.Statistics;

/// <summary>Fleiss' kappa (1971) for a fixed number of raters per item, nominal categories.</summary>
public static class FleissKappa
{
    /// <summary>
    /// <paramref name="counts"/>[item][category] = how many raters put the item in that category; every item must have
    /// the same total n &gt;= 2. Null when undefined (no items, or every rating in one category).
    /// </summary>
    public static double? Compute(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        if (counts.Count == 0) return null;
        var n = counts[0].Sum();
        var k = counts[0].Count;
        if (n < 2) throw new ArgumentException("Fleiss' kappa needs at least two raters per item.", nameof(counts));
        if (counts.Any(row => row.Count != k || row.Sum() != n))
            throw new ArgumentException("Every item must have the same number of ratings and categories.", nameof(counts));
        var itemCount = counts.Count;
        var meanAgreement = counts.Average(row => (row.Sum(c => (double)c * c) - n) / (n * (n - 1.0)));
        var chance = Enumerable.Range(0, k).Sum(j =>
        {
            var share = counts.Sum(row => row[j]) / (double)(itemCount * n);
            return share * share;
        });
        return 1 - chance < 1e-12 ? null : (meanAgreement - chance) / (1 - chance);
    }
}
