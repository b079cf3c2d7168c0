namespace MedVid.Rating.Statistics;

/// <summary>Cohen's kappa of two raters over the items both rated, optionally with linear weights.</summary>
public static class CohenKappa
{
    /// <summary>
    /// Kappa from pairs of category indices (0..<paramref name="categories"/>-1). Null when it is undefined: no items,
    /// or chance agreement is already perfect (both raters used one and the same category throughout).
    /// </summary>
    public static double? Compute(IReadOnlyList<(int A, int B)> pairs, int categories, KappaWeighting weighting)
    {
        if (categories < 2) throw new ArgumentOutOfRangeException(nameof(categories), "Kappa needs at least two categories.");
        if (pairs.Count == 0) return null;
        var table = new double[categories, categories];
        foreach (var (a, b) in pairs)
        {
            if ((uint)a >= categories || (uint)b >= categories) throw new ArgumentOutOfRangeException(nameof(pairs), $"Category ({a}, {b}) is outside 0..{categories - 1}.");
            table[a, b]++;
        }
        return FromTable(table, weighting);
    }

    /// <summary>Kappa from a contingency table of counts (rows: rater A's category, columns: rater B's).</summary>
    public static double? FromTable(double[,] counts, KappaWeighting weighting)
    {
        var k = counts.GetLength(0);
        if (k != counts.GetLength(1)) throw new ArgumentException("The table must be square.", nameof(counts));
        double total = 0;
        var rows = new double[k];
        var columns = new double[k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
            {
                total += counts[i, j];
                rows[i] += counts[i, j];
                columns[j] += counts[i, j];
            }
        if (total == 0) return null;
        double observed = 0, expected = 0;
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
            {
                var w = Agreement(i, j, k, weighting);
                observed += w * counts[i, j] / total;
                expected += w * rows[i] / total * columns[j] / total;
            }
        return 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>Observed (unweighted) share of items on which both chose the same category.</summary>
    public static double ObservedAgreement(IReadOnlyList<(int A, int B)> pairs) =>
        pairs.Count == 0 ? 0 : pairs.Count(p => p.A == p.B) / (double)pairs.Count;

    private static double Agreement(int i, int j, int k, KappaWeighting weighting) => weighting switch
    {
        KappaWeighting.Linear => 1 - Math.Abs(i - j) / (double)(k - 1),
        _ => i == j ? 1 : 0,
    };
}
