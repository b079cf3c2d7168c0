namespace MedVid.Rating.Statistics;

/// <summary>A sample mean with its two-sided 95% t interval. Interval and deviation are null below two values.</summary>
public sealed record MeanInterval(int Count, double Mean, double? StandardDeviation, double? Lower, double? Upper)
{
    public const double Confidence = 0.95;

    public static MeanInterval Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("A mean needs at least one value.", nameof(values));
        var n = values.Count;
        var mean = values.Average();
        if (n < 2) return new MeanInterval(n, mean, null, null, null);
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.Quantile(1 - (1 - Confidence) / 2, n - 1) * sd / Math.Sqrt(n);
        return new MeanInterval(n, mean, sd, mean - half, mean + half);
    }
}
