namespace MedVid.Rating.Tests;

public sealed class IntervalTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(10, 2.2281)]
    [InlineData(30, 2.0423)]
    [InlineData(1000, 1.9623)]
    public void T_quantiles_match_the_table(int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 4);

    [Fact]
    public void The_t_cdf_is_symmetric_and_inverts_the_quantile()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 7), 12);
        Assert.Equal(0.025, StudentT.Cdf(-StudentT.Quantile(0.975, 7), 7), 9);
        Assert.Equal(-StudentT.Quantile(0.9, 3), StudentT.Quantile(0.1, 3), 9);
    }

    /// <summary>1..5: mean 3, s = sqrt(2.5), half width = 2.7764451 * sqrt(2.5) / sqrt(5) = 1.9632432.</summary>
    [Fact]
    public void A_95_percent_interval_of_one_to_five()
    {
        var interval = MeanInterval.Of([1, 2, 3, 4, 5]);
        Assert.Equal(3, interval.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), interval.StandardDeviation!.Value, 12);
        Assert.Equal(1.0367568, interval.Lower!.Value, 6);
        Assert.Equal(4.9632432, interval.Upper!.Value, 6);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_interval()
    {
        var interval = MeanInterval.Of([2]);
        Assert.Equal((1, 2.0, (double?)null, (double?)null, (double?)null), (interval.Count, interval.Mean, interval.StandardDeviation, interval.Lower, interval.Upper));
    }
}
