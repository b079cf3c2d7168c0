namespace MedVid.Evaluation.Distribution;

/// <summary>A Fréchet distance and what it was measured in.</summary>
/// <param name="Squared">d² as FID and FVD report it (they publish the squared distance), in squared feature units.</param>
/// <param name="EncoderName">The feature space; distances in different spaces are not comparable.</param>
public sealed record FrechetResult(double Squared, string EncoderName, int ReferenceCount, int GeneratedCount, double MeanTerm, double CovarianceTerm);

/// <summary>
/// The Fréchet (2-Wasserstein) distance between Gaussians fitted to two feature sets (Dowson and Landau 1982), the
/// quantity behind FID (Heusel et al., NeurIPS 2017) and FVD (Unterthiner et al. 2018), reported by MedSora and Ophora:
/// d² = |μ₁ - μ₂|² + Tr(Σ₁ + Σ₂ - 2 (Σ₁ Σ₂)^½). The trace of (Σ₁ Σ₂)^½ is computed as Tr((Σ₁^½ Σ₂ Σ₁^½)^½), a symmetric
/// positive semi-definite matrix, so two symmetric eigen-decompositions replace scipy's general sqrtm and no complex
/// rounding residue appears. With fewer samples than dimensions the covariances are singular; the formula stays valid
/// but the estimate is biased upwards, so compare distances computed on equally many videos.
/// </summary>
public static class FrechetDistance
{
    public static FrechetResult Compute(FeatureStatistics reference, FeatureStatistics generated, string encoderName)
    {
        if (reference.Dimension != generated.Dimension)
            throw new ArgumentException($"Feature dimensions differ: {reference.Dimension} and {generated.Dimension}.");
        var n = reference.Dimension;
        double meanTerm = 0;
        for (var i = 0; i < n; i++) meanTerm += Math.Pow(reference.Mean[i] - generated.Mean[i], 2);
        var rootReference = SymmetricEigen.SquareRoot(reference.Covariance);
        var sandwich = Multiply(Multiply(rootReference, generated.Covariance), rootReference);
        Symmetrise(sandwich);
        var (values, _) = SymmetricEigen.Decompose(sandwich);
        var traceOfRoot = values.Sum(v => Math.Sqrt(Math.Max(0, v)));
        double traces = 0;
        for (var i = 0; i < n; i++) traces += reference.Covariance[i, i] + generated.Covariance[i, i];
        // Rounding can leave a tiny negative covariance term for identical sets; the distance is non-negative by definition.
        var covarianceTerm = Math.Max(0, traces - 2 * traceOfRoot);
        return new FrechetResult(meanTerm + covarianceTerm, encoderName, reference.Count, generated.Count, meanTerm, covarianceTerm);
    }

    public static FrechetResult Compute(IReadOnlyList<double[]> reference, IReadOnlyList<double[]> generated, string encoderName) =>
        Compute(FeatureStatistics.FromSamples(reference), FeatureStatistics.FromSamples(generated), encoderName);

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var result = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < n; k++)
            {
                var aik = a[i, k];
                if (aik == 0) continue;
                for (var j = 0; j < n; j++) result[i, j] += aik * b[k, j];
            }
        return result;
    }

    private static void Symmetrise(double[,] m)
    {
        var n = m.GetLength(0);
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) m[i, j] = m[j, i] = (m[i, j] + m[j, i]) / 2;
    }
}
