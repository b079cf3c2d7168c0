namespace MedVid.Rating.Tests;

public sealed class CohenKappaTests
{
    /// <summary>Wikipedia's worked example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15: po 0.7, pe 0.5, kappa 0.4.</summary>
    [Fact]
    public void The_textbook_two_by_two_table_gives_0_4()
    {
        var table = new double[,] { { 20, 5 }, { 10, 15 } };
        Assert.Equal(0.4, CohenKappa.FromTable(table, KappaWeighting.None)!.Value, 12);
        // Two categories: linear weights are the identity.
        Assert.Equal(0.4, CohenKappa.FromTable(table, KappaWeighting.Linear)!.Value, 12);
    }

    [Fact]
    public void Pairs_are_counted_into_the_same_table()
    {
        var pairs = Repeat((0, 0), 20).Concat(Repeat((0, 1), 5)).Concat(Repeat((1, 0), 10)).Concat(Repeat((1, 1), 15)).ToList();
        Assert.Equal(0.4, CohenKappa.Compute(pairs, 2, KappaWeighting.None)!.Value, 12);
        Assert.Equal(0.7, CohenKappa.ObservedAgreement(pairs), 12);
    }

    /// <summary>
    /// Hand-computed 3x3 (n = 15, all margins 5): weighted po = 11/15 + 0.5 * 4/15 = 13/15, pe = (3 + 4 * 0.5) / 9 = 5/9,
    /// kappa_w = (13/15 - 5/9) / (1 - 5/9) = 0.7; unweighted po = 11/15, pe = 1/3, kappa = 0.6.
    /// </summary>
    [Fact]
    public void Linear_weights_credit_near_misses_on_an_ordinal_scale()
    {
        var table = new double[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } };
        Assert.Equal(0.7, CohenKappa.FromTable(table, KappaWeighting.Linear)!.Value, 12);
        Assert.Equal(0.6, CohenKappa.FromTable(table, KappaWeighting.None)!.Value, 12);
    }

    [Fact]
    public void Perfect_agreement_is_1_and_systematic_disagreement_is_negative()
    {
        Assert.Equal(1.0, CohenKappa.Compute([(0, 0), (1, 1), (2, 2), (3, 3)], 4, KappaWeighting.Linear)!.Value, 12);
        Assert.True(CohenKappa.Compute([(0, 1), (1, 0), (0, 1), (1, 0)], 2, KappaWeighting.None) < 0);
    }

    [Fact]
    public void Kappa_is_undefined_without_items_or_without_variation()
    {
        Assert.Null(CohenKappa.Compute([], 4, KappaWeighting.None));
        Assert.Null(CohenKappa.Compute([(2, 2), (2, 2)], 4, KappaWeighting.Linear));
        Assert.Throws<ArgumentOutOfRangeException>(() => CohenKappa.Compute([(0, 4)], 4, KappaWeighting.None));
    }

    private static IEnumerable<(int, int)> Repeat((int, int) pair, int count) => Enumerable.Repeat(pair, count);
}

public sealed class FleissKappaTests
{
    /// <summary>The classic example (Fleiss 1971, as on Wikipedia): 10 subjects, 14 raters, 5 categories; kappa = 0.210.</summary>
    public static readonly int[][] Classic =
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];

    [Fact]
    public void The_classic_table_gives_0_210()
    {
        var kappa = FleissKappa.Compute(Classic.Select(r => (IReadOnlyList<int>)r).ToList());
        Assert.Equal(0.210, kappa!.Value, 3);
        Assert.Equal(0.20993, kappa.Value, 5);
    }

    [Fact]
    public void Unequal_rater_counts_and_single_raters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FleissKappa.Compute([[1, 1], [2, 1]]));
        Assert.Throws<ArgumentException>(() => FleissKappa.Compute([[1, 0], [0, 1]]));
        Assert.Null(FleissKappa.Compute([]));
        Assert.Null(FleissKappa.Compute([[3, 0], [3, 0]]));
    }
}
