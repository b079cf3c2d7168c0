namespace MedVid.Rating.Assignment;

/// <summary>One task in a rater's queue: the item and, for pairs, whether the rater sees B on the left.</summary>
public sealed record PlannedTask(string ItemId, bool SwapSides);

/// <summary>A rater's queue in the order they will see it.</summary>
public sealed record RaterPlan(string RaterId, IReadOnlyList<PlannedTask> Tasks);

/// <summary>
/// Deals items to raters. Which raters rate an item is deterministic and balanced: each item goes to the
/// <c>ratersPerItem</c> least-loaded raters, so loads differ by at most one; among equally loaded raters it prefers those
/// who have rated fewest items together with the raters already chosen, so that every pair of raters shares items
/// (Cohen's kappa per pair needs overlap), then the order of the rater list. The order of each rater's queue and the
/// sides of pairs are shuffled from a seed of (campaign, rater), so they are stable across sessions and differ between raters.
/// </summary>
public static class BalancedAssignment
{
    public static IReadOnlyList<RaterPlan> Assign(string campaignKey, IReadOnlyList<string> itemIds, IReadOnlyList<string> raterIds, int ratersPerItem)
    {
        if (raterIds.Count == 0) throw new ArgumentException("At least one rater is needed.", nameof(raterIds));
        if (raterIds.Distinct().Count() != raterIds.Count) throw new ArgumentException("Raters must be distinct.", nameof(raterIds));
        if (ratersPerItem < 1 || ratersPerItem > raterIds.Count)
            throw new ArgumentOutOfRangeException(nameof(ratersPerItem), $"Raters per item must be between 1 and {raterIds.Count}.");
        var r = raterIds.Count;
        var load = new int[r];
        var together = new int[r, r];
        var assigned = Enumerable.Range(0, r).Select(_ => new List<string>()).ToArray();
        var closeness = new int[r];
        foreach (var item in itemIds)
        {
            Array.Clear(closeness);
            var chosen = new List<int>(ratersPerItem);
            for (var pick = 0; pick < ratersPerItem; pick++)
            {
                var best = -1;
                for (var candidate = 0; candidate < r; candidate++)
                {
                    if (chosen.Contains(candidate)) continue;
                    if (best < 0 || load[candidate] < load[best] || (load[candidate] == load[best] && closeness[candidate] < closeness[best]))
                        best = candidate;
                }
                foreach (var other in chosen)
                {
                    together[best, other]++;
                    together[other, best]++;
                }
                for (var candidate = 0; candidate < r; candidate++) closeness[candidate] += together[candidate, best];
                chosen.Add(best);
                load[best]++;
                assigned[best].Add(item);
            }
        }
        return raterIds.Select((rater, index) => Plan(campaignKey, rater, assigned[index])).ToList();
    }

    /// <summary>The rater's own order and sides; depends only on (campaign, rater) and the items dealt to them.</summary>
    public static RaterPlan Plan(string campaignKey, string raterId, IReadOnlyList<string> items)
    {
        var random = SplitMix64.FromText($"{campaignKey}/{raterId}");
        var tasks = items.Select(item => new PlannedTask(item, random.NextBool())).ToList();
        random.Shuffle(tasks);
        return new RaterPlan(raterId, tasks);
    }
}
