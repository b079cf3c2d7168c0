namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The test's own Cohen and Fleiss kappas, written from the textbook formulas (not the production statistics), to
/// check the numbers the results page shows.
/// </summary>
public static class Agreement
{
    /// <summary>
    /// Cohen's kappa of paired category values 0..k-1: κ = (p_o − p_e) / (1 − p_e) with agreement weights
    /// w(i,j) = 1 − |i−j|/(k−1) when <paramref name="linear"/>, else 1 for equal and 0 for different categories.
    /// </summary>
    public static double? Cohen(IReadOnlyList<(int A, int B)> pairs, int categories, bool linear)
    {
        double Weight(int i, int j) => linear ? 1 - Math.Abs(i - j) / (double)(categories - 1) : i == j ? 1 : 0;
        var n = (double)pairs.Count;
        var rowShare = new double[categories];
        var columnShare = new double[categories];
        var observed = 0.0;
        foreach (var (a, b) in pairs)
        {
            observed += Weight(a, b) / n;
            rowShare[a] += 1 / n;
            columnShare[b] += 1 / n;
        }
        var expected = 0.0;
        for (var i = 0; i < categories; i++)
            for (var j = 0; j < categories; j++)
                expected += Weight(i, j) * rowShare[i] * columnShare[j];
        return Math.Abs(1 - expected) < 1e-12 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>Fleiss' kappa over items each rated by the same number of raters; a row is the ratings' category values.</summary>
    public static double? Fleiss(IReadOnlyList<int[]> items, int categories)
    {
        var raters = items[0].Length;
        var counts = items.Select(values => Enumerable.Range(0, categories).Select(c => values.Count(v => v == c)).ToArray()).ToList();
        var total = (double)items.Count * raters;
        var shares = Enumerable.Range(0, categories).Select(c => counts.Sum(row => row[c]) / total).ToArray();
        var perItem = counts.Select(row => (row.Sum(x => (double)x * x) - raters) / (raters * (raters - 1.0))).ToList();
        var observed = perItem.Average();
        var expected = shares.Sum(p => p * p);
        return Math.Abs(1 - expected) < 1e-12 ? null : (observed - expected) / (1 - expected);
    }
}
