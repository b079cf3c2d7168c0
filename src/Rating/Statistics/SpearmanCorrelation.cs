namespace MedVid.Rating.Statistics;

/// <summary>Spearman's rank correlation with its interval.</summary>
/// <param name="Rho">Pearson correlation of the mid-ranks, in [-1, 1].</param>
/// <param name="Lower">Lower end of the confidence interval (NaN below four pairs).</param>
/// <param name="Upper">Upper end of the confidence interval (NaN below four pairs).</param>
/// <param name="PValue">Two-sided p for rho = 0 from the t approximation with n - 2 degrees of freedom (NaN below three pairs).</param>
public sealed record SpearmanResult(double Rho, double Lower, double Upper, int Count, double Confidence, double PValue);

/// <summary>
/// Spearman's rank correlation between an automatic metric and expert scores over the same videos (issue 11: "agreement
/// with experts"). Tied values share the mean of their ranks, and rho is the Pearson correlation of those ranks, which
/// is exact with ties (the 1 - 6Σd²/(n(n²-1)) shortcut is not). The interval is Fisher's z-transform with Bonett and
/// Wright's standard error for Spearman's rho, sqrt((1 + rho²/2) / (n - 3)) (Psychometrika 65, 2000), which keeps
/// close to nominal coverage down to about ten pairs, where the Pearson error 1/sqrt(n - 3) is too narrow.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>Null when either variable is constant (a correlation is undefined).</summary>
    public static SpearmanResult? Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        if (x.Count != y.Count) throw new ArgumentException("The two variables need the same number of values.");
        if (x.Concat(y).Any(double.IsNaN)) throw new ArgumentException("Values must not be NaN; drop incomplete pairs first.");
        var n = x.Count;
        if (n < 2) return null;
        var rho = Pearson(MidRanks(x), MidRanks(y));
        if (double.IsNaN(rho)) return null;
        double lower = double.NaN, upper = double.NaN, p = double.NaN;
        if (n >= 4)
        {
            var z = Math.Atanh(rho);
            var half = NormalQuantile.TwoSided(confidence) * Math.Sqrt((1 + rho * rho / 2) / (n - 3));
            (lower, upper) = (Math.Tanh(z - half), Math.Tanh(z + half));
        }
        if (n >= 3)
        {
            var t = Math.Abs(rho) >= 1 ? double.PositiveInfinity : Math.Abs(rho) * Math.Sqrt((n - 2) / (1 - rho * rho));
            p = double.IsPositiveInfinity(t) ? 0 : 2 * (1 - StudentT.Cdf(t, n - 2));
        }
        return new SpearmanResult(rho, lower, upper, n, confidence, p);
    }

    /// <summary>Ranks 1..n, ties given the mean of the ranks they span ("fractional ranking").</summary>
    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var mean = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = mean;
            start = end + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? double.NaN : Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }
}
