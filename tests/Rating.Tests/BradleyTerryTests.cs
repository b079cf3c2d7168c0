using MedVid.Rating.Protocols;

namespace MedVid.Rating.Tests;

public sealed class BradleyTerryTests
{
    private static readonly BradleyTerryOptions PlainFit = new(BootstrapReplicates: 0, PriorGames: 0);

    [Fact]
    public void ThreeWinsInFourGivesOddsOfThree()
    {
        PairwiseVote[] votes = [Vote("a", "b", PairOutcome.AWins), Vote("a", "b", PairOutcome.AWins), Vote("b", "a", PairOutcome.BWins), Vote("a", "b", PairOutcome.BWins)];
        var result = BradleyTerry.Fit(votes, PlainFit);
        // p_a / p_b = 3, log-strengths centred: ±ln(3) / 2.
        Assert.Equal(["a", "b"], result.Scores.Select(s => s.Model));
        Assert.Equal(Math.Log(3) / 2, result.Scores[0].Theta, 8);
        Assert.Equal(-Math.Log(3) / 2, result.Scores[1].Theta, 8);
        Assert.Equal((4, 3.0), (result.Scores[0].Comparisons, result.Scores[0].Wins));
        Assert.True(result.Converged);
    }

    [Fact]
    public void TiesCountHalfAndBothLoseIsLeftOut()
    {
        PairwiseVote[] votes =
        [
            Vote("a", "b", PairOutcome.AWins), Vote("a", "b", PairOutcome.AWins), Vote("a", "b", PairOutcome.Tie), Vote("a", "b", PairOutcome.Tie),
            Vote("a", "b", PairOutcome.BothLose),
        ];
        var result = BradleyTerry.Fit(votes, PlainFit);
        Assert.Equal((4, 1), (result.VotesUsed, result.ExcludedBothLose));
        Assert.Equal(Math.Log(3), result.Scores[0].Theta - result.Scores[1].Theta, 8);
    }

    [Fact]
    public void PlainFitRefusesAModelThatNeverWon()
    {
        PairwiseVote[] votes = [Vote("a", "b", PairOutcome.AWins), Vote("a", "b", PairOutcome.AWins)];
        Assert.Throws<InvalidOperationException>(() => BradleyTerry.Fit(votes, PlainFit));
        var smoothed = BradleyTerry.Fit(votes, new BradleyTerryOptions(BootstrapReplicates: 0));
        Assert.True(double.IsFinite(smoothed.Scores[1].Theta) && smoothed.Scores[0].Theta > smoothed.Scores[1].Theta);
    }

    [Fact]
    public void RecoversSimulatedModelsWithTheTruthInsideTheIntervals()
    {
        var truth = new Dictionary<string, double> { ["base"] = -0.9, ["lora"] = -0.2, ["stage2"] = 0.4, ["full"] = 0.7 };
        var votes = Simulate(truth, votesPerPair: 150, new Random(31));
        var result = BradleyTerry.Fit(votes, new BradleyTerryOptions(BootstrapReplicates: 500, Seed: 7));

        Assert.Equal(["full", "stage2", "lora", "base"], result.Scores.Select(s => s.Model));
        Assert.All(result.Scores, s =>
        {
            Assert.InRange(truth[s.Model], s.Lower, s.Upper);
            Assert.True(s.Lower < s.Theta && s.Theta < s.Upper);
        });
    }

    [Fact]
    public void IntervalsCoverTheTruthAtAboutTheNominalRate()
    {
        var truth = new Dictionary<string, double> { ["a"] = -0.5, ["b"] = 0.0, ["c"] = 0.5 };
        var random = new Random(99);
        var (covered, total) = (0, 0);
        for (var campaign = 0; campaign < 40; campaign++)
        {
            var result = BradleyTerry.Fit(Simulate(truth, votesPerPair: 60, random), new BradleyTerryOptions(BootstrapReplicates: 200, Seed: (ulong)campaign));
            foreach (var s in result.Scores)
            {
                total++;
                if (s.Lower <= truth[s.Model] && truth[s.Model] <= s.Upper) covered++;
            }
        }
        Assert.InRange(covered / (double)total, 0.86, 0.995);
    }

    [Fact]
    public void SameSeedGivesTheSameIntervalsAndItemsAreResampledTogether()
    {
        var votes = Simulate(new Dictionary<string, double> { ["x"] = 0.3, ["y"] = -0.3 }, 40, new Random(1))
            .Select((v, i) => v with { ItemId = $"item-{i / 3}" }).ToList();
        var first = BradleyTerry.Fit(votes, new BradleyTerryOptions(BootstrapReplicates: 300, Seed: 42));
        var again = BradleyTerry.Fit(votes, new BradleyTerryOptions(BootstrapReplicates: 300, Seed: 42));
        var other = BradleyTerry.Fit(votes, new BradleyTerryOptions(BootstrapReplicates: 300, Seed: 43));
        Assert.Equal(first.Scores.Select(s => (s.Lower, s.Upper)), again.Scores.Select(s => (s.Lower, s.Upper)));
        Assert.NotEqual(first.Scores.Select(s => (s.Lower, s.Upper)), other.Scores.Select(s => (s.Lower, s.Upper)));
    }

    private static PairwiseVote Vote(string a, string b, PairOutcome outcome) => new(a, b, outcome);

    /// <summary>Votes from the Bradley–Terry model itself, sides shown in random order.</summary>
    private static List<PairwiseVote> Simulate(Dictionary<string, double> theta, int votesPerPair, Random random)
    {
        var models = theta.Keys.ToList();
        var votes = new List<PairwiseVote>();
        for (var i = 0; i < models.Count; i++)
            for (var j = i + 1; j < models.Count; j++)
                for (var n = 0; n < votesPerPair; n++)
                {
                    var (a, b) = random.Next(2) == 0 ? (models[i], models[j]) : (models[j], models[i]);
                    var aWins = random.NextDouble() < 1 / (1 + Math.Exp(theta[b] - theta[a]));
                    votes.Add(new PairwiseVote(a, b, aWins ? PairOutcome.AWins : PairOutcome.BWins));
                }
        return votes;
    }
}
