using MedVid.Rating.Assignment;
using MedVid.Rating.Protocols;

namespace MedVid.Rating.Statistics;

/// <param name="BootstrapReplicates">Resamples for the intervals; 0 skips them (Lower and Upper are NaN).</param>
/// <param name="Seed">Seeds the bootstrap's SplitMix64, so the same votes and seed give the same intervals everywhere.</param>
/// <param name="PriorGames">Virtual tied games added between every pair of models (each side wins half). They keep a
/// model with no wins (or no losses) finite and pull scores slightly towards each other; with tens of votes per pair
/// the effect is small. 0 gives the plain maximum-likelihood fit, which then needs every model to have won and lost at
/// least once (and, strictly, a connected comparison graph, which the virtual ties otherwise guarantee); its bootstrap
/// fails if a resample leaves a model without a win or a loss.</param>
public sealed record BradleyTerryOptions(
    int BootstrapReplicates = 1000,
    ulong Seed = 1,
    double Confidence = 0.95,
    double PriorGames = 1.0,
    int MaxIterations = 10_000,
    double Tolerance = 1e-10);

/// <summary>A model's Bradley–Terry score: log-strength centred on the mean over models, so P(i beats j) = 1 / (1 + e^(θj - θi)).</summary>
public sealed record BradleyTerryScore(string Model, double Theta, double Lower, double Upper, int Comparisons, double Wins);

/// <param name="Scores">Highest score first.</param>
/// <param name="ExcludedBothLose">"Both lose" votes carry no preference between the two and are left out.</param>
/// <param name="Converged">False when the point fit stopped at MaxIterations before its log-strengths settled within Tolerance.</param>
public sealed record BradleyTerryResult(IReadOnlyList<BradleyTerryScore> Scores, int VotesUsed, int ExcludedBothLose, int Iterations, bool Converged, BradleyTerryOptions Options);

/// <summary>
/// Ranks models from MedGen-style blind pairwise votes with the Bradley–Terry model (Bradley and Terry, Biometrika 1952),
/// P(i beats j) = p_i / (p_i + p_j), fitted by Hunter's minorisation–maximisation iteration (Annals of Statistics 32,
/// 2004): p_i ← W_i / Σ_j n_ij / (p_i + p_j), which increases the likelihood at every step. A tie counts half a win to
/// each side (a simplification of Davidson's 1970 tie model); "both lose" is excluded. Intervals are bootstrap
/// percentiles over items resampled with replacement.
/// </summary>
public static class BradleyTerry
{
    public static BradleyTerryResult Fit(IReadOnlyList<PairwiseVote> votes, BradleyTerryOptions? options = null)
    {
        options ??= new BradleyTerryOptions();
        if (options.PriorGames < 0) throw new ArgumentOutOfRangeException(nameof(options), "PriorGames must not be negative.");
        var models = votes.SelectMany(v => new[] { v.ModelA, v.ModelB }).Distinct().Order(StringComparer.Ordinal).ToList();
        if (models.Count < 2) throw new ArgumentException("Bradley–Terry needs votes between at least two models.", nameof(votes));
        if (votes.Any(v => v.ModelA == v.ModelB)) throw new ArgumentException("A vote compares a model with itself.", nameof(votes));
        var index = models.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        var used = votes.Where(v => v.Outcome != PairOutcome.BothLose).ToList();

        var tally = Tally.Of(used, index, models.Count);
        var (theta, iterations, converged) = Solve(tally, options);

        var (lower, upper) = (new double[models.Count], new double[models.Count]);
        Array.Fill(lower, double.NaN);
        Array.Fill(upper, double.NaN);
        if (options.BootstrapReplicates > 0) Bootstrap(used, index, options, lower, upper);

        var scores = models.Select((m, i) => new BradleyTerryScore(m, theta[i], lower[i], upper[i], (int)tally.GamesOf(i), tally.Wins[i]))
            .OrderByDescending(s => s.Theta).ThenBy(s => s.Model, StringComparer.Ordinal).ToList();
        return new BradleyTerryResult(scores, used.Count, votes.Count - used.Count, iterations, converged, options);
    }

    /// <summary>Centred log-strengths by the MM iteration, how many iterations it took, and whether it settled.</summary>
    internal static (double[] Theta, int Iterations, bool Converged) Solve(Tally tally, BradleyTerryOptions options)
    {
        var k = tally.Wins.Length;
        var prior = options.PriorGames;
        if (prior == 0)
        {
            for (var i = 0; i < k; i++)
            {
                if (tally.Wins[i] <= 0 || tally.Wins[i] >= tally.GamesOf(i))
                    throw new InvalidOperationException($"Model {i} has no wins or no losses, so the maximum-likelihood strengths do not exist; set PriorGames > 0.");
            }
        }
        // The prior as virtual ties: every pair of models plays `prior` extra games, each side winning half.
        var wins = tally.Wins.Select(w => w + prior * (k - 1) / 2).ToArray();
        var p = Enumerable.Repeat(1.0, k).ToArray();
        var next = new double[k];
        var (iterations, converged) = (0, false);
        while (!converged && iterations < options.MaxIterations)
        {
            iterations++;
            for (var i = 0; i < k; i++)
            {
                var denominator = 0.0;
                for (var j = 0; j < k; j++)
                    if (j != i) denominator += (tally.Games[i, j] + prior) / (p[i] + p[j]);
                next[i] = wins[i] / denominator;
            }
            // The likelihood is unchanged by a common factor: pin the geometric mean to 1 so only the differences move.
            var logMean = next.Average(v => Math.Log(v));
            var change = 0.0;
            for (var i = 0; i < k; i++)
            {
                next[i] /= Math.Exp(logMean);
                change = Math.Max(change, Math.Abs(Math.Log(next[i]) - Math.Log(p[i])));
                p[i] = next[i];
            }
            converged = change < options.Tolerance;
        }
        var theta = p.Select(v => Math.Log(v)).ToArray();
        var centre = theta.Average();
        return (theta.Select(t => t - centre).ToArray(), iterations, converged);
    }

    private static void Bootstrap(List<PairwiseVote> votes, Dictionary<string, int> index, BradleyTerryOptions options, double[] lower, double[] upper)
    {
        var items = votes.Select((v, i) => (Key: v.ItemId ?? $"\u0001vote-{i}", Vote: v))
            .GroupBy(x => x.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.Vote).ToList()).ToList();
        var random = new SplitMix64(options.Seed);
        var k = index.Count;
        var replicates = new double[k][];
        for (var i = 0; i < k; i++) replicates[i] = new double[options.BootstrapReplicates];
        for (var b = 0; b < options.BootstrapReplicates; b++)
        {
            var sample = new List<PairwiseVote>(votes.Count);
            for (var n = 0; n < items.Count; n++) sample.AddRange(items[random.NextInt(items.Count)]);
            var (theta, _, _) = Solve(Tally.Of(sample, index, k), options);
            for (var i = 0; i < k; i++) replicates[i][b] = theta[i];
        }
        var alpha = (1 - options.Confidence) / 2;
        for (var i = 0; i < k; i++)
        {
            Array.Sort(replicates[i]);
            lower[i] = Quantile(replicates[i], alpha);
            upper[i] = Quantile(replicates[i], 1 - alpha);
        }
    }

    /// <summary>Linear interpolation between order statistics (the default, "type 7", of R and numpy).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>Wins per model and games per pair, ties counted as half a win each.</summary>
    internal sealed class Tally(double[] wins, double[,] games)
    {
        public double[] Wins { get; } = wins;
        public double[,] Games { get; } = games;

        public double GamesOf(int i)
        {
            double sum = 0;
            for (var j = 0; j < Wins.Length; j++) sum += Games[i, j];
            return sum;
        }

        public static Tally Of(IEnumerable<PairwiseVote> votes, Dictionary<string, int> index, int k)
        {
            var (wins, games) = (new double[k], new double[k, k]);
            foreach (var v in votes)
            {
                var (a, b) = (index[v.ModelA], index[v.ModelB]);
                games[a, b]++;
                games[b, a]++;
                switch (v.Outcome)
                {
                    case PairOutcome.AWins: wins[a]++; break;
                    case PairOutcome.BWins: wins[b]++; break;
                    case PairOutcome.Tie: wins[a] += 0.5; wins[b] += 0.5; break;
                }
            }
            return new Tally(wins, games);
        }
    }
}
