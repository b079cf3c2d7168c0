using MedVid.Rating.Protocols;

namespace MedVid.Rating.Statistics;

/// <summary>Computes <see cref="CampaignResults"/> from a protocol, its items and the ratings given so far.</summary>
public static class CampaignAnalysis
{
    public const string AllCriteria = "*";

    public static readonly StatisticsMethods Methods = new(
        "95% Student-t interval over items: each item's score is the mean of its raters, so raters of one item are not counted as independent samples.",
        "Per pair of raters on the items both rated. Ordinal 0-3 scales use linear weights (weight 1 - |i-j|/(k-1)); nominal choices are unweighted. The unweighted kappa is reported beside every weighted one.",
        "Nominal (unweighted), over the items that have exactly the campaign's raters-per-item ratings on the criterion.",
        "MedGen's rule: accepted when at least two of the three raters chose no or minor distortion, rejected when two chose moderate or severe, pending otherwise.",
        "Bradley–Terry per criterion (Hunter's MM fit; a tie is half a win to each side; both-lose votes are left out; one virtual tie between every two systems keeps scores finite). Score: centred log-strength, so P(i beats j) = 1 / (1 + e^(score j - score i)). 95% bootstrap percentile interval over items (1,000 resamples, fixed seed).",
        "Per rater, the share of their ratings on gold items that equal the known answer (exact match), with a 95% Wilson interval. Gold items are left out of every other statistic.");

    public static CampaignResults Analyze(RatingProtocol protocol, IReadOnlyList<AnalysisItem> items, IReadOnlyList<AnalysisRating> ratings, int ratersPerItem)
    {
        var itemsById = items.ToDictionary(i => i.ItemId);
        var known = ratings.Where(r => itemsById.ContainsKey(r.ItemId) && protocol.FindCriterion(r.Criterion) is not null).ToList();
        var complete = items.Count(i => protocol.Criteria.All(c => known.Count(r => r.ItemId == i.ItemId && r.Criterion == c.Id) >= ratersPerItem));
        var gold = items.Where(i => i.IsGold).ToList();
        var systemItems = items.Where(i => !i.IsGold).ToList();
        var systemRatings = known.Where(r => !itemsById[r.ItemId].IsGold).ToList();
        return new CampaignResults(
            protocol.Id, items.Count, known.Count, complete,
            protocol.Shape == ItemShape.SingleVideo ? Means(protocol, itemsById, systemRatings) : [],
            protocol.Shape == ItemShape.Pair ? Pairwise(protocol, itemsById, systemRatings) : [],
            protocol.Id == MedGenDistortion.Id ? Acceptance(systemItems, systemRatings) : [],
            CohenPairs(protocol, systemRatings),
            Fleiss(protocol, systemRatings, ratersPerItem),
            Methods,
            gold.Count,
            protocol.Shape == ItemShape.Pair ? PairwiseRanking.Rank(protocol, itemsById, systemRatings) : [],
            GoldItemReliability.Compute(gold.SelectMany(i => i.Gold!.Select(g => new GoldAnswer(i.ItemId, g.Key, g.Value))).ToList(), known));
    }

    private static List<CriterionMean> Means(RatingProtocol protocol, Dictionary<string, AnalysisItem> items, List<AnalysisRating> ratings)
    {
        var result = new List<CriterionMean>();
        foreach (var criterion in protocol.Criteria)
        {
            var perItem = ratings.Where(r => r.Criterion == criterion.Id).GroupBy(r => r.ItemId)
                .Select(g => (Item: items[g.Key], Values: g.Select(r => (double)r.Value).ToList())).ToList();
            // Per system; per label and per system and label only over labelled items.
            var labelled = perItem.Where(x => x.Item.Label is not null).ToList();
            var groups = perItem.GroupBy(x => (System: (string?)x.Item.Systems[0], Label: (string?)null))
                .Concat(labelled.GroupBy(x => (System: (string?)null, Label: x.Item.Label)))
                .Concat(labelled.GroupBy(x => (System: (string?)x.Item.Systems[0], Label: x.Item.Label)));
            foreach (var group in groups)
            {
                var interval = MeanInterval.Of(group.Select(x => x.Values.Average()).ToList());
                result.Add(new CriterionMean(group.Key.System, group.Key.Label, criterion.Id, interval.Count, group.Sum(x => x.Values.Count),
                    interval.Mean, interval.StandardDeviation, interval.Lower, interval.Upper));
            }
        }
        var order = protocol.Criteria.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return result.OrderBy(m => m.System is null).ThenBy(m => m.System, StringComparer.Ordinal).ThenBy(m => m.Label is not null)
            .ThenBy(m => m.Label, StringComparer.Ordinal).ThenBy(m => order[m.Criterion]).ToList();
    }

    private static List<PairwiseTally> Pairwise(RatingProtocol protocol, Dictionary<string, AnalysisItem> items, List<AnalysisRating> ratings)
    {
        var result = new List<PairwiseTally>();
        var oriented = ratings.Select(r =>
        {
            var systems = items[r.ItemId].Systems;
            var outcome = (PairOutcome)r.Value;
            // Each pair of systems is reported once, the ordinally smaller name as A; flip outcomes of items stored the other way round.
            if (string.CompareOrdinal(systems[0], systems[1]) <= 0) return (A: systems[0], B: systems[1], r.Criterion, Outcome: outcome);
            var flipped = outcome switch { PairOutcome.AWins => PairOutcome.BWins, PairOutcome.BWins => PairOutcome.AWins, _ => outcome };
            return (A: systems[1], B: systems[0], r.Criterion, Outcome: flipped);
        });
        foreach (var group in oriented.GroupBy(x => (x.A, x.B, x.Criterion)))
        {
            int Count(PairOutcome o) => group.Count(x => x.Outcome == o);
            double total = group.Count();
            var (a, b, ties, both) = (Count(PairOutcome.AWins), Count(PairOutcome.BWins), Count(PairOutcome.Tie), Count(PairOutcome.BothLose));
            result.Add(new PairwiseTally(group.Key.A, group.Key.B, group.Key.Criterion, (int)total, a, b, ties, both, a / total, b / total, ties / total, both / total));
        }
        return result.OrderBy(t => t.SystemA, StringComparer.Ordinal).ThenBy(t => t.SystemB, StringComparer.Ordinal)
            .ThenBy(t => protocol.Criteria.ToList().FindIndex(c => c.Id == t.Criterion)).ToList();
    }

    private static List<AcceptanceTally> Acceptance(IReadOnlyList<AnalysisItem> items, List<AnalysisRating> ratings)
    {
        var levels = ratings.Where(r => r.Criterion == MedGenDistortion.CriterionId).ToLookup(r => r.ItemId, r => r.Value);
        var decided = items.Select(i => (System: i.Systems[0], Decision: TwoOfThreeRule.Decide(levels[i.ItemId].ToList()))).ToList();
        AcceptanceTally Tally(string? system, IEnumerable<(string System, AcceptanceDecision Decision)> group)
        {
            var list = group.ToList();
            var accepted = list.Count(x => x.Decision == AcceptanceDecision.Accepted);
            var rejected = list.Count(x => x.Decision == AcceptanceDecision.Rejected);
            return new AcceptanceTally(system, list.Count, accepted, rejected, list.Count - accepted - rejected,
                accepted + rejected == 0 ? null : accepted / (double)(accepted + rejected));
        }
        var result = decided.GroupBy(x => x.System).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Tally(g.Key, g)).ToList();
        result.Add(Tally(null, decided));
        return result;
    }

    private static List<PairAgreement> CohenPairs(RatingProtocol protocol, List<AnalysisRating> ratings)
    {
        var result = new List<PairAgreement>();
        var raters = ratings.Select(r => r.RaterId).Distinct().Order(StringComparer.Ordinal).ToList();
        var byRater = ratings.ToLookup(r => r.RaterId);
        var scopes = protocol.Criteria.Select(c => (Id: c.Id, Criteria: (IReadOnlyList<RatingCriterion>)[c])).ToList();
        if (protocol.Criteria.Count > 1) scopes.Add((AllCriteria, protocol.Criteria));
        for (var i = 0; i < raters.Count; i++)
            for (var j = i + 1; j < raters.Count; j++)
            {
                var first = byRater[raters[i]].ToDictionary(r => (r.ItemId, r.Criterion), r => r.Value);
                var second = byRater[raters[j]].ToDictionary(r => (r.ItemId, r.Criterion), r => r.Value);
                foreach (var (id, criteria) in scopes)
                {
                    var ids = criteria.Select(c => c.Id).ToHashSet();
                    var pairs = first.Where(f => ids.Contains(f.Key.Criterion) && second.ContainsKey(f.Key))
                        .Select(f => (f.Value, second[f.Key])).ToList();
                    if (pairs.Count == 0) continue;
                    var scale = criteria[0];
                    var weighting = scale.Scale == ScaleKind.Ordinal ? KappaWeighting.Linear : KappaWeighting.None;
                    result.Add(new PairAgreement(raters[i], raters[j], id, pairs.Count, weighting.ToString().ToLowerInvariant(),
                        CohenKappa.Compute(pairs, scale.Levels.Count, weighting), CohenKappa.Compute(pairs, scale.Levels.Count, KappaWeighting.None),
                        CohenKappa.ObservedAgreement(pairs)));
                }
            }
        return result;
    }

    private static List<GroupAgreement> Fleiss(RatingProtocol protocol, List<AnalysisRating> ratings, int ratersPerItem)
    {
        if (ratersPerItem < 2) return [];
        var result = new List<GroupAgreement>();
        var pooled = new List<IReadOnlyList<int>>();
        foreach (var criterion in protocol.Criteria)
        {
            var rows = ratings.Where(r => r.Criterion == criterion.Id).GroupBy(r => r.ItemId)
                .Where(g => g.Count() == ratersPerItem)
                .Select(g => (IReadOnlyList<int>)criterion.Levels.Select(l => g.Count(r => r.Value == l.Value)).ToList())
                .ToList();
            pooled.AddRange(rows);
            result.Add(new GroupAgreement(criterion.Id, rows.Count, ratersPerItem, FleissKappa.Compute(rows)));
        }
        if (protocol.Criteria.Count > 1) result.Add(new GroupAgreement(AllCriteria, pooled.Count, ratersPerItem, FleissKappa.Compute(pooled)));
        return result;
    }
}
