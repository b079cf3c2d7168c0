namespace MedVid.Rating.Tests;

public sealed class ProportionTests
{
    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306)]
    [InlineData(0.995, 2.575829304)]
    public void NormalQuantileMatchesTables(double p, double z) => Assert.Equal(z, NormalQuantile.Of(p), 7);

    [Theory]
    [InlineData(8, 10, 0.490162, 0.943318)]
    [InlineData(0, 10, 0.0, 0.277533)]
    [InlineData(10, 10, 0.722467, 1.0)]
    [InlineData(45, 50, 0.786398, 0.956524)]
    public void WilsonIntervalMatchesHandComputation(int successes, int trials, double lower, double upper)
    {
        var interval = WilsonInterval.Of(successes, trials);
        Assert.Equal(lower, interval.Lower, 5);
        Assert.Equal(upper, interval.Upper, 5);
        Assert.Equal(successes / (double)trials, interval.Proportion, 12);
    }

    [Fact]
    public void GoldItemsScoreEachRaterAndIgnoreOtherItems()
    {
        GoldAnswer[] gold = [new("g1", "quality", 2), new("g2", "quality", 0), new("g3", "quality", 3), new("g1", "realism", 1)];
        AnalysisRating[] ratings =
        [
            new("g1", "ann", "quality", 2), new("g2", "ann", "quality", 0), new("g3", "ann", "quality", 3), new("g1", "ann", "realism", 1),
            new("g1", "bob", "quality", 1), new("g2", "bob", "quality", 0), new("g3", "bob", "quality", 1), new("x9", "bob", "quality", 2),
            new("x9", "cat", "quality", 2),
        ];
        var exact = GoldItemReliability.Compute(gold, ratings);
        Assert.Equal(["ann", "bob"], exact.Select(r => r.RaterId));
        Assert.Equal((4, 4), (exact[0].Accuracy.Successes, exact[0].Accuracy.Trials));
        Assert.Equal((1, 3), (exact[1].Accuracy.Successes, exact[1].Accuracy.Trials));
        Assert.Equal(WilsonInterval.Of(1, 3).Lower, exact[1].Accuracy.Lower, 12);

        // One level off counts on an ordinal scale with tolerance 1: bob's 1 for 2 becomes correct, his 1 for 3 does not.
        var lenient = GoldItemReliability.Compute(gold, ratings, tolerance: 1);
        Assert.Equal(2, lenient[1].Accuracy.Successes);
    }
}
