using MedVid.Rating.Protocols;

namespace MedVid.Rating.Statistics;

/// <summary>A system's Bradley–Terry score on one criterion: centred log-strength with its bootstrap interval.</summary>
public sealed record RankedSystem(string System, double Score, double? Lower, double? Upper, int Comparisons, double Wins);

/// <summary>
/// Systems of a pairwise campaign ranked on one criterion, best first. <see cref="Converged"/> is false when the fit
/// stopped before it settled (then the scores are approximate).
/// </summary>
public sealed record SystemRanking(string Criterion, int VotesUsed, int ExcludedBothLose, bool Converged, IReadOnlyList<RankedSystem> Systems);

/// <summary>
/// Bradley–Terry rankings of the systems of a pairwise campaign, one per criterion (MedGen compares models criterion by
/// criterion). Votes of one item share its id, so the bootstrap resamples items. The seed is fixed, so the same ratings
/// always give the same intervals.
/// </summary>
public static class PairwiseRanking
{
    public static readonly BradleyTerryOptions Options = new(BootstrapReplicates: 1000, Seed: 1);

    public static List<SystemRanking> Rank(RatingProtocol protocol, IReadOnlyDictionary<string, AnalysisItem> items, IReadOnlyList<AnalysisRating> ratings)
    {
        var result = new List<SystemRanking>();
        foreach (var criterion in protocol.Criteria)
        {
            var votes = ratings.Where(r => r.Criterion == criterion.Id)
                .Select(r => new PairwiseVote(items[r.ItemId].Systems[0], items[r.ItemId].Systems[1], (PairOutcome)r.Value, r.ItemId))
                .ToList();
            if (votes.SelectMany(v => new[] { v.ModelA, v.ModelB }).Distinct().Count() < 2) continue;
            var fit = BradleyTerry.Fit(votes, Options);
            result.Add(new SystemRanking(criterion.Id, fit.VotesUsed, fit.ExcludedBothLose, fit.Converged,
                fit.Scores.Select(s => new RankedSystem(s.Model, s.Theta, Finite(s.Lower), Finite(s.Upper), s.Comparisons, s.Wins)).ToList()));
        }
        return result;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
