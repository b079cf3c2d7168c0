namespace MedVid.EngineBench;

/// <summary>
/// The ratio of two sides timed back to back in each round, as a geometric mean of the per-round
/// ratios with a 95% Student-t interval on their logarithms: each pair saw the same machine state,
/// so drift in load cancels, and the interval says whether enough rounds were run.
/// </summary>
public readonly record struct PairedRatio(double Mean, double Low, double High, int Rounds)
{
    public static PairedRatio Of(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        if (numerator.Count != denominator.Count || numerator.Count < 2)
            throw new ArgumentException("a paired ratio needs at least two rounds of both sides");
        var logs = numerator.Zip(denominator, (a, b) => Math.Log(a / b)).ToArray();
        var mean = logs.Average();
        var variance = logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1);
        var half = TQuantile975(logs.Length - 1) * Math.Sqrt(variance / logs.Length);
        return new PairedRatio(Math.Exp(mean), Math.Exp(mean - half), Math.Exp(mean + half), logs.Length);
    }

    /// <summary>Half the interval's width relative to the mean, e.g. 0.03 for ±3%.</summary>
    public double RelativeHalfWidth => (High - Low) / 2 / Mean;

    public override string ToString() => FormattableString.Invariant($"{Mean:F3} (95% CI {Low:F3}–{High:F3}, {Rounds} rounds)");

    // Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom; beyond, the normal's
    // 1.96 plus the first-order correction is within 0.2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private static double TQuantile975(int degrees) =>
        degrees <= T975.Length ? T975[degrees - 1] : 1.96 + 2.4 / degrees;
}
