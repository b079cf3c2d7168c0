namespace MedVid.Evaluation.Distribution;

/// <summary>The mean and covariance of a set of feature vectors: all a Fréchet distance needs, and small enough to store per checkpoint.</summary>
public sealed record FeatureStatistics(double[] Mean, double[,] Covariance, int Count)
{
    public int Dimension => Mean.Length;

    /// <summary>Sample mean and unbiased covariance (divisor N - 1, as numpy.cov in the FID reference code). Needs two or more vectors.</summary>
    public static FeatureStatistics FromSamples(IReadOnlyList<double[]> samples)
    {
        if (samples.Count < 2) throw new ArgumentException("A covariance needs at least two samples.", nameof(samples));
        var d = samples[0].Length;
        if (samples.Any(s => s.Length != d)) throw new ArgumentException("All feature vectors must have the same length.", nameof(samples));
        var mean = new double[d];
        foreach (var s in samples)
            for (var i = 0; i < d; i++) mean[i] += s[i];
        for (var i = 0; i < d; i++) mean[i] /= samples.Count;
        var covariance = new double[d, d];
        var centred = new double[d];
        foreach (var s in samples)
        {
            for (var i = 0; i < d; i++) centred[i] = s[i] - mean[i];
            for (var i = 0; i < d; i++)
                for (var j = i; j < d; j++) covariance[i, j] += centred[i] * centred[j];
        }
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++) covariance[j, i] = covariance[i, j] /= samples.Count - 1;
        return new FeatureStatistics(mean, covariance, samples.Count);
    }
}
