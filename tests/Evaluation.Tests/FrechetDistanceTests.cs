using MedVid.Evaluation.Distribution;

namespace MedVid.Evaluation.Tests;

public sealed class FrechetDistanceTests
{
    [Fact]
    public void OneDimensionalGaussiansGiveMeanAndStandardDeviationGaps()
    {
        // d² = (μ1 - μ2)² + (σ1 - σ2)²: (1 - 4)² + (2 - 5)² = 18.
        var a = new FeatureStatistics([1.0], new double[,] { { 4 } }, 100);
        var b = new FeatureStatistics([4.0], new double[,] { { 25 } }, 100);
        Assert.Equal(18, FrechetDistance.Compute(a, b, "test").Squared, 10);
    }

    [Fact]
    public void TwoDimensionalCaseMatchesTheHandComputation()
    {
        // Σ1 = diag(4, 1), Σ2 = [[2, 1], [1, 2]] do not commute. Σ1^½ Σ2 Σ1^½ = [[8, 2], [2, 2]]: trace 10, determinant 12,
        // so the trace of its square root is sqrt(10 + 2 sqrt 12). Means differ by (1, 2).
        var a = new FeatureStatistics([0.0, 0.0], new double[,] { { 4, 0 }, { 0, 1 } }, 10);
        var b = new FeatureStatistics([1.0, 2.0], new double[,] { { 2, 1 }, { 1, 2 } }, 10);
        var expected = 5 + (4 + 1 + 2 + 2) - 2 * Math.Sqrt(10 + 2 * Math.Sqrt(12));
        var result = FrechetDistance.Compute(a, b, "test");
        Assert.Equal(expected, result.Squared, 10);
        Assert.Equal(5, result.MeanTerm, 12);
        // Symmetric in its arguments.
        Assert.Equal(expected, FrechetDistance.Compute(b, a, "test").Squared, 10);
    }

    [Fact]
    public void SampleStatisticsUseTheUnbiasedCovariance()
    {
        var stats = FeatureStatistics.FromSamples([[1.0, 2.0], [3.0, 6.0], [5.0, 4.0]]);
        Assert.Equal([3.0, 4.0], stats.Mean);
        Assert.Equal(4.0, stats.Covariance[0, 0], 12); // ((-2)² + 0 + 2²) / 2
        Assert.Equal(2.0, stats.Covariance[0, 1], 12); // (4 + 0 + 0) / 2
        Assert.Equal(4.0, stats.Covariance[1, 1], 12);
    }

    [Fact]
    public void IdenticalSetsAreAtZeroAndAShiftAddsItsSquaredLength()
    {
        var random = new Random(21);
        var samples = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 12).Select(_ => random.NextDouble()).ToArray()).ToList();
        Assert.Equal(0, FrechetDistance.Compute(samples, samples, "test").Squared, 9);

        // Moving every vector by δ leaves the covariance and adds |δ|².
        var delta = Enumerable.Range(0, 12).Select(i => 0.1 * (i % 3)).ToArray();
        var shifted = samples.Select(s => s.Select((v, i) => v + delta[i]).ToArray()).ToList();
        var squaredLength = delta.Sum(d => d * d);
        Assert.Equal(squaredLength, FrechetDistance.Compute(samples, shifted, "test").Squared, 8);
        Assert.True(FrechetDistance.Compute(samples, samples.Select(s => s.Select((v, i) => v + 2 * delta[i]).ToArray()).ToList(), "test").Squared
            > FrechetDistance.Compute(samples, shifted, "test").Squared);
    }

    [Fact]
    public void FewerSamplesThanDimensionsStillGiveAFiniteNonNegativeDistance()
    {
        var random = new Random(5);
        List<double[]> Draw() => Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 20).Select(_ => random.NextDouble()).ToArray()).ToList();
        var d = FrechetDistance.Compute(Draw(), Draw(), "test").Squared;
        Assert.True(double.IsFinite(d) && d >= 0);
    }
}
