using MedVid.Rating.Protocols;

namespace MedVid.Rating.Tests;

public sealed class AnalysisTests
{
    [Fact]
    public void Ophora_means_are_per_system_per_label_and_both_over_item_means()
    {
        AnalysisItem[] items = [new("i1", ["m1"], "incision"), new("i2", ["m1"], "incision"), new("i3", ["m2"], "capsulorhexis")];
        AnalysisRating[] ratings =
        [
            new("i1", "r1", "phase-matching", 3), new("i1", "r2", "phase-matching", 2), // item mean 2.5
            new("i2", "r1", "phase-matching", 1), new("i2", "r2", "phase-matching", 1), // item mean 1
            new("i3", "r1", "phase-matching", 0),
        ];
        var results = CampaignAnalysis.Analyze(OphoraSevenCriteria.Protocol, items, ratings, ratersPerItem: 2);

        var m1 = results.Means.Single(m => m is { System: "m1", Label: null, Criterion: "phase-matching" });
        Assert.Equal((2, 4, 1.75), (m1.Items, m1.Ratings, m1.Mean));
        var half = StudentT.Quantile(0.975, 1) * Math.Sqrt(((2.5 - 1.75) * (2.5 - 1.75) * 2) / 1) / Math.Sqrt(2);
        Assert.Equal(1.75 - half, m1.Lower!.Value, 9);
        Assert.Equal(1.75 + half, m1.Upper!.Value, 9);
        var incision = results.Means.Single(m => m is { System: null, Label: "incision", Criterion: "phase-matching" });
        Assert.Equal(1.75, incision.Mean);
        var m2 = results.Means.Single(m => m is { System: "m2", Label: "capsulorhexis" });
        Assert.Equal((1, 0.0, (double?)null), (m2.Items, m2.Mean, m2.Lower));
        Assert.DoesNotContain(results.Means, m => m.Criterion == "action-logic"); // nobody rated it
        Assert.Equal((3, 5, 0), (results.ItemCount, results.RatingCount, results.CompleteItemCount));
        Assert.Empty(results.Pairwise);
        Assert.Empty(results.Acceptance);
    }

    [Fact]
    public void Ordinal_kappas_are_linear_weighted_and_say_so()
    {
        AnalysisItem[] items = [.. Enumerable.Range(0, 15).Select(i => new AnalysisItem($"i{i}", ["m"], null))];
        // The 3x3 table of CohenKappaTests on levels 0..2 of a 4-level scale: k = 4, so weights are 1 - d/3.
        (int A, int B)[] cells = [.. Cells(0, 0, 4), .. Cells(0, 1, 1), .. Cells(1, 0, 1), .. Cells(1, 1, 3), .. Cells(1, 2, 1), .. Cells(2, 1, 1), .. Cells(2, 2, 4)];
        var ratings = cells.SelectMany((c, i) => new[] { new AnalysisRating($"i{i}", "r1", "distortion", c.A), new AnalysisRating($"i{i}", "r2", "distortion", c.B) }).ToList();
        var results = CampaignAnalysis.Analyze(MedGenDistortion.Protocol, items, ratings, ratersPerItem: 2);

        var pair = Assert.Single(results.CohenKappas);
        Assert.Equal(("r1", "r2", "distortion", 15, "linear"), (pair.RaterA, pair.RaterB, pair.Criterion, pair.Items, pair.Weighting));
        Assert.Equal(0.6, pair.UnweightedKappa!.Value, 12);
        Assert.Equal(CohenKappa.Compute(cells, 4, KappaWeighting.Linear), pair.Kappa);
        Assert.NotEqual(pair.UnweightedKappa, pair.Kappa);
        Assert.Equal(11 / 15.0, pair.ObservedAgreement, 12);
    }

    [Fact]
    public void Pairwise_win_rates_orient_each_pair_once_and_report_ties_and_both_lose()
    {
        // Items store their videos in either order; "medgen" vs "hunyuan" is reported as hunyuan (A) vs medgen (B).
        AnalysisItem[] items = [new("p1", ["medgen", "hunyuan"], null), new("p2", ["hunyuan", "medgen"], null), new("p3", ["medgen", "hunyuan"], null)];
        AnalysisRating[] ratings =
        [
            new("p1", "r1", "visual-quality", (int)PairOutcome.AWins), // medgen
            new("p2", "r1", "visual-quality", (int)PairOutcome.BWins), // medgen
            new("p3", "r1", "visual-quality", (int)PairOutcome.BWins), // hunyuan
            new("p1", "r2", "visual-quality", (int)PairOutcome.Tie),
            new("p2", "r2", "visual-quality", (int)PairOutcome.BothLose),
        ];
        var results = CampaignAnalysis.Analyze(MedGenPairwise.Protocol, items, ratings, ratersPerItem: 2);

        var tally = Assert.Single(results.Pairwise);
        Assert.Equal(("hunyuan", "medgen", "visual-quality", 5), (tally.SystemA, tally.SystemB, tally.Criterion, tally.Judgements));
        Assert.Equal((1, 2, 1, 1), (tally.WinsA, tally.WinsB, tally.Ties, tally.BothLose));
        Assert.Equal((0.2, 0.4, 0.2, 0.2), (tally.WinRateA, tally.WinRateB, tally.TieRate, tally.BothLoseRate));
        Assert.Empty(results.Means);
        Assert.All(results.CohenKappas, k => Assert.Equal("none", k.Weighting));
        Assert.All(results.CohenKappas, k => Assert.Equal(k.UnweightedKappa, k.Kappa));
    }

    [Fact]
    public void Distortion_acceptance_is_two_of_three_per_system_and_overall()
    {
        AnalysisItem[] items = [new("a", ["m1"], null), new("b", ["m1"], null), new("c", ["m2"], null), new("d", ["m2"], null)];
        var ratings = new List<AnalysisRating>();
        void Rate(string item, params int[] levels) => ratings.AddRange(levels.Select((l, i) => new AnalysisRating(item, $"r{i}", "distortion", l)));
        Rate("a", 0, 1, 3); // accepted
        Rate("b", 2, 3, 1); // rejected
        Rate("c", 1, 1, 2); // accepted
        Rate("d", 1, 2);    // pending: one of each so far
        var results = CampaignAnalysis.Analyze(MedGenDistortion.Protocol, items, ratings, ratersPerItem: 3);

        Assert.Equal(
            [new AcceptanceTally("m1", 2, 1, 1, 0, 0.5), new AcceptanceTally("m2", 2, 1, 0, 1, 1.0), new AcceptanceTally(null, 4, 2, 1, 1, 2 / 3.0)],
            results.Acceptance);
        var fleiss = Assert.Single(results.FleissKappas);
        Assert.Equal((3, 3), (fleiss.Items, fleiss.RatersPerItem)); // d has two ratings, so it is left out
    }

    [Fact]
    public void Fleiss_from_ratings_matches_the_count_table()
    {
        // The classic 10 x 14 table expanded into ratings on a 5-level scale.
        var protocol = OphoraSevenCriteria.Protocol with
        {
            Criteria = [OphoraSevenCriteria.Protocol.Criteria[0] with { Levels = [.. Enumerable.Range(0, 5).Select(v => new RatingLevel(v, $"{v}", $"{v}", ""))] }],
        };
        var items = FleissKappaTests.Classic.Select((_, i) => new AnalysisItem($"s{i}", ["m"], null)).ToList();
        var ratings = FleissKappaTests.Classic.SelectMany((row, i) =>
            row.SelectMany((count, category) => Enumerable.Repeat(category, count)).Select((category, r) => new AnalysisRating($"s{i}", $"r{r}", "phase-matching", category))).ToList();
        var results = CampaignAnalysis.Analyze(protocol, items, ratings, ratersPerItem: 14);
        Assert.Equal(0.210, Assert.Single(results.FleissKappas).Kappa!.Value, 3);
        Assert.Equal(91, results.CohenKappas.Count); // 14 raters: 14 * 13 / 2 pairs
    }

    private static IEnumerable<(int, int)> Cells(int a, int b, int count) => Enumerable.Repeat((a, b), count);
}
