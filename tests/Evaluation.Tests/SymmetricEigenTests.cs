using MedVid.Evaluation.Distribution;

namespace MedVid.Evaluation.Tests;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void TwoByTwoHasItsHandComputedEigenvalues()
    {
        var (values, _) = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal([1.0, 3.0], values.Order().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void DecompositionReconstructsARandomSymmetricMatrix()
    {
        var a = RandomCovariance(7, new Random(4));
        var (values, vectors) = SymmetricEigen.Decompose(a);
        for (var i = 0; i < 7; i++)
            for (var j = 0; j < 7; j++)
            {
                double sum = 0;
                for (var k = 0; k < 7; k++) sum += vectors[i, k] * values[k] * vectors[j, k];
                Assert.Equal(a[i, j], sum, 10);
            }
    }

    [Fact]
    public void SquareRootSquaredIsTheMatrix()
    {
        var a = RandomCovariance(5, new Random(9));
        var root = SymmetricEigen.SquareRoot(a);
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 5; j++)
            {
                double sum = 0;
                for (var k = 0; k < 5; k++) sum += root[i, k] * root[k, j];
                Assert.Equal(a[i, j], sum, 10);
            }
    }

    /// <summary>B Bᵀ for a random B: symmetric positive semi-definite.</summary>
    internal static double[,] RandomCovariance(int n, Random random)
    {
        var b = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) b[i, j] = random.NextDouble() * 2 - 1;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) a[i, j] += b[i, k] * b[j, k];
        return a;
    }
}
