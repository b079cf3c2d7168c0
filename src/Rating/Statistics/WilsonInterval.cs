namespace MedVid.Rating.Statistics;

/// <summary>A proportion with its Wilson score interval.</summary>
public sealed record ProportionInterval(int Successes, int Trials, double Proportion, double Lower, double Upper);

/// <summary>
/// Wilson's score interval for a binomial proportion (E. B. Wilson, JASA 1927), chosen over the normal "Wald" interval
/// because raters answer few gold items: it stays inside [0, 1] and keeps its coverage at 0 or 100% correct, where
/// Wald collapses to a zero-width interval.
/// </summary>
public static class WilsonInterval
{
    public static ProportionInterval Of(int successes, int trials, double confidence = 0.95)
    {
        if (trials < 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes));
        if (trials == 0) return new ProportionInterval(0, 0, double.NaN, 0, 1);
        var z = NormalQuantile.TwoSided(confidence);
        var n = (double)trials;
        var p = successes / n;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return new ProportionInterval(successes, trials, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
