namespace MedVid.Rating.Tests;

public sealed class SpearmanCorrelationTests
{
    [Fact]
    public void TiesShareTheMeanOfTheirRanks()
    {
        Assert.Equal([1, 2.5, 2.5, 4], SpearmanCorrelation.MidRanks([10, 20, 20, 30]));
        Assert.Equal([2, 2, 2, 4, 5], SpearmanCorrelation.MidRanks([1, 1, 1, 7, 9]));
    }

    [Fact]
    public void HandComputedCaseWithTies()
    {
        // Mid-ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4); centred products sum to 4.5, squares to 4.5 and 5.
        var result = SpearmanCorrelation.Compute([1, 2, 2, 3], [1, 3, 2, 4])!;
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), result.Rho, 12);
    }

    [Fact]
    public void IntervalIsFisherZWithBonettWrightError()
    {
        // y swaps ranks (1,6), (2,4), (7,9): Σd² = 50 + 8 + 8 = 66, rho = 1 - 6·66 / (10·99) = 0.6.
        var result = SpearmanCorrelation.Compute([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [6, 4, 3, 2, 5, 1, 9, 8, 7, 10])!;
        Assert.Equal(0.6, result.Rho, 12);
        // tanh(atanh 0.6 ± 1.959964 · sqrt(1.18 / 7)), computed by hand.
        Assert.Equal(-0.111104, result.Lower, 5);
        Assert.Equal(0.904761, result.Upper, 5);
        // t = 0.6 · sqrt(8 / 0.64) = 2.1213 on 8 degrees of freedom, p by numerical integration of the t density.
        Assert.Equal(0.066688, result.PValue, 4);
    }

    [Fact]
    public void MonotoneButNonlinearIsPerfect()
    {
        var x = Enumerable.Range(1, 8).Select(i => (double)i).ToList();
        var result = SpearmanCorrelation.Compute(x, x.Select(v => -Math.Exp(v)).ToList())!;
        Assert.Equal(-1, result.Rho, 12);
        Assert.Equal((-1.0, -1.0, 0.0), (result.Lower, result.Upper, result.PValue));
    }

    [Fact]
    public void ConstantVariableHasNoCorrelation()
    {
        Assert.Null(SpearmanCorrelation.Compute([1, 2, 3, 4], [5, 5, 5, 5]));
    }

    [Fact]
    public void IntervalCoversTheTruthAtAboutTheNominalRate()
    {
        // Bivariate normal with correlation 0.5: Spearman's population rho is (6/π) asin(0.25) = 0.4826.
        var truth = 6 / Math.PI * Math.Asin(0.25);
        var random = new Random(17);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var covered = 0;
        const int trials = 400;
        for (var trial = 0; trial < trials; trial++)
        {
            var (x, y) = (new List<double>(), new List<double>());
            for (var i = 0; i < 30; i++)
            {
                var (a, b) = (Normal(), Normal());
                x.Add(a);
                y.Add(0.5 * a + Math.Sqrt(0.75) * b);
            }
            var result = SpearmanCorrelation.Compute(x, y)!;
            if (result.Lower <= truth && truth <= result.Upper) covered++;
        }
        Assert.InRange(covered / (double)trials, 0.91, 0.99);
    }
}
