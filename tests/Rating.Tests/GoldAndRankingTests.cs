using MedVid.Rating.Protocols;

namespace MedVid.Rating.Tests;

public sealed class GoldAndRankingTests
{
    [Fact]
    public void Gold_answers_use_level_keys_for_single_videos_and_the_items_terms_for_pairs()
    {
        Assert.Equal(new Dictionary<string, int> { ["distortion"] = 3 },
            GoldAnswers.Parse(MedGenDistortion.Protocol, new Dictionary<string, string> { ["distortion"] = "Severe" }));
        var pair = GoldAnswers.Parse(MedGenPairwise.Protocol, new Dictionary<string, string> { ["visual-quality"] = "b-wins", ["text-alignment"] = "both-lose" });
        Assert.Equal((int)PairOutcome.BWins, pair["visual-quality"]);
        Assert.Equal((int)PairOutcome.BothLose, pair["text-alignment"]);
        var criterion = MedGenPairwise.Protocol.FindCriterion("visual-quality")!;
        Assert.Equal("b-wins", GoldAnswers.Key(MedGenPairwise.Protocol, criterion, pair["visual-quality"]));
    }

    [Theory]
    [InlineData("distortion", "left", "'left' is not a level of distortion; use none, minor, moderate, severe.")]
    [InlineData("realism", "none", "the gold answer names 'realism', which is not a criterion of medgen-distortion (distortion).")]
    public void A_gold_answer_that_the_protocol_does_not_have_is_refused_by_name(string criterion, string key, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => GoldAnswers.Parse(MedGenDistortion.Protocol, new Dictionary<string, string> { [criterion] = key }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_pair_gold_answer_must_be_in_the_items_terms()
    {
        var e = Assert.Throws<ArgumentException>(() => GoldAnswers.Parse(MedGenPairwise.Protocol, new Dictionary<string, string> { ["visual-quality"] = "left" }));
        Assert.Contains("a-wins, b-wins, tie or both-lose", e.Message);
        Assert.Throws<ArgumentException>(() => GoldAnswers.Parse(MedGenPairwise.Protocol, new Dictionary<string, string>()));
    }

    [Fact]
    public void Gold_items_score_the_raters_and_stay_out_of_the_system_statistics()
    {
        var gold = new Dictionary<string, int> { ["distortion"] = 3 };
        AnalysisItem[] items = [new("i1", ["m"], null), new("i2", ["m"], null), new("g1", ["broken"], null, gold), new("g2", ["broken"], null, gold)];
        AnalysisRating[] ratings =
        [
            new("i1", "r1", "distortion", 0), new("i2", "r1", "distortion", 1), new("i1", "r2", "distortion", 0), new("i2", "r2", "distortion", 1),
            new("g1", "r1", "distortion", 3), new("g2", "r1", "distortion", 3), // r1 right twice
            new("g1", "r2", "distortion", 0), new("g2", "r2", "distortion", 3), // r2 fooled once
        ];
        var results = CampaignAnalysis.Analyze(MedGenDistortion.Protocol, items, ratings, ratersPerItem: 2);

        Assert.Equal((4, 8, 2), (results.ItemCount, results.RatingCount, results.GoldItemCount));
        Assert.DoesNotContain(results.Means, m => m.System == "broken");
        Assert.Equal(0.5, results.Means.Single(m => m.System == "m").Mean);
        Assert.Equal(2, results.Acceptance.Single(a => a.System is null).Items);
        Assert.Equal(2, results.CohenKappas.Single().Items);
        Assert.Equal(["r1", "r2"], results.Reliability.Select(r => r.RaterId));
        Assert.Equal((2, 2), (results.Reliability[0].Accuracy.Successes, results.Reliability[0].Accuracy.Trials));
        Assert.Equal((1, 2), (results.Reliability[1].Accuracy.Successes, results.Reliability[1].Accuracy.Trials));
        Assert.Equal(WilsonInterval.Of(1, 2).Lower, results.Reliability[1].Accuracy.Lower, 12);
    }

    [Fact]
    public void A_pairwise_campaign_ranks_its_systems_per_criterion_in_the_order_the_votes_imply()
    {
        // Three systems, strengths strong > middle > weak: each item is rated by three raters who pick the stronger
        // system with probability p_i / (p_i + p_j), drawn from a seeded generator.
        var strength = new Dictionary<string, double> { ["strong"] = 4, ["middle"] = 2, ["weak"] = 1 };
        string[][] pairs = [["strong", "middle"], ["middle", "weak"], ["weak", "strong"]];
        var random = new Random(5);
        var items = new List<AnalysisItem>();
        var ratings = new List<AnalysisRating>();
        for (var i = 0; i < 150; i++)
        {
            var systems = pairs[i % 3];
            var id = $"p{i}";
            items.Add(new AnalysisItem(id, systems, null));
            foreach (var rater in new[] { "r1", "r2", "r3" })
            {
                var aWins = random.NextDouble() < strength[systems[0]] / (strength[systems[0]] + strength[systems[1]]);
                ratings.Add(new AnalysisRating(id, rater, "visual-quality", (int)(aWins ? PairOutcome.AWins : PairOutcome.BWins)));
            }
        }
        items.Add(new AnalysisItem("gold", ["strong", "weak"], null, new Dictionary<string, int> { ["visual-quality"] = (int)PairOutcome.AWins }));
        ratings.Add(new AnalysisRating("gold", "r1", "visual-quality", (int)PairOutcome.BWins)); // a gold vote never ranks systems

        var results = CampaignAnalysis.Analyze(MedGenPairwise.Protocol, items, ratings, ratersPerItem: 3);

        var ranking = Assert.Single(results.Rankings); // only visual quality was rated
        Assert.Equal("visual-quality", ranking.Criterion);
        Assert.Equal(["strong", "middle", "weak"], ranking.Systems.Select(s => s.System));
        Assert.Equal(450, ranking.VotesUsed);
        var centred = strength.ToDictionary(s => s.Key, s => Math.Log(s.Value) - strength.Values.Average(Math.Log));
        foreach (var system in ranking.Systems)
        {
            Assert.InRange(centred[system.System], system.Lower!.Value, system.Upper!.Value);
            Assert.Equal(300, system.Comparisons);
        }
        // The bootstrap is seeded: the same ratings give the same intervals.
        Assert.Equal(ranking.Systems, CampaignAnalysis.Analyze(MedGenPairwise.Protocol, items, ratings, ratersPerItem: 3).Rankings.Single().Systems);
    }
}
