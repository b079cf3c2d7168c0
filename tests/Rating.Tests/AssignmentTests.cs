using MedVid.Rating.Assignment;

namespace MedVid.Rating.Tests;

public sealed class AssignmentTests
{
    private static readonly string[] Items = Enumerable.Range(0, 10).Select(i => $"item-{i}").ToArray();
    private static readonly string[] Raters = ["ana", "ben", "cai", "dev"];

    [Fact]
    public void Each_item_gets_distinct_raters_and_loads_differ_by_at_most_one()
    {
        var plans = BalancedAssignment.Assign("campaign-1", Items, Raters, 3);
        var byItem = plans.SelectMany(p => p.Tasks.Select(t => (t.ItemId, p.RaterId))).GroupBy(x => x.ItemId).ToList();
        Assert.Equal(Items.Length, byItem.Count);
        Assert.All(byItem, g => Assert.Equal(3, g.Select(x => x.RaterId).Distinct().Count()));
        var loads = plans.Select(p => p.Tasks.Count).ToList();
        Assert.Equal(30, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
    }

    [Fact]
    public void Every_pair_of_raters_shares_items_when_two_rate_each()
    {
        var plans = BalancedAssignment.Assign("campaign-1", Items, Raters, 2);
        var sets = plans.ToDictionary(p => p.RaterId, p => p.Tasks.Select(t => t.ItemId).ToHashSet());
        foreach (var a in Raters)
            foreach (var b in Raters.Where(b => string.CompareOrdinal(a, b) < 0))
                Assert.True(sets[a].Overlaps(sets[b]), $"{a} and {b} share no item");
    }

    [Fact]
    public void The_assignment_is_deterministic_and_the_order_is_stable_per_campaign_and_rater()
    {
        var first = BalancedAssignment.Assign("campaign-1", Items, Raters, 4);
        var again = BalancedAssignment.Assign("campaign-1", Items, Raters, 4);
        Assert.Equal(Flatten(first), Flatten(again));
        // Everyone rates everything here, so only the shuffles differ: between raters, and between campaigns.
        var orders = first.Select(p => string.Join(",", p.Tasks.Select(t => t.ItemId))).ToList();
        Assert.True(orders.Distinct().Count() > 1, "every rater got the same order");
        Assert.NotEqual(Items, first[0].Tasks.Select(t => t.ItemId));
        var other = BalancedAssignment.Assign("campaign-2", Items, Raters, 4);
        Assert.NotEqual(Flatten(first), Flatten(other));
        // A rater's plan depends only on (campaign, rater, their items).
        Assert.Equal(first[2].Tasks, BalancedAssignment.Plan("campaign-1", Raters[2], Items).Tasks);
    }

    [Fact]
    public void Sides_are_randomised_per_rater()
    {
        var items = Enumerable.Range(0, 200).Select(i => $"pair-{i}").ToArray();
        var plans = BalancedAssignment.Assign("c", items, Raters, 4);
        foreach (var plan in plans)
        {
            var swapped = plan.Tasks.Count(t => t.SwapSides);
            Assert.InRange(swapped, 60, 140); // a fair coin: 100 +- 5.6 sigma
        }
        var a = plans[0].Tasks.ToDictionary(t => t.ItemId, t => t.SwapSides);
        var b = plans[1].Tasks.ToDictionary(t => t.ItemId, t => t.SwapSides);
        Assert.Contains(items, i => a[i] != b[i]);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BalancedAssignment.Assign("c", Items, Raters, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BalancedAssignment.Assign("c", Items, Raters, 0));
        Assert.Throws<ArgumentException>(() => BalancedAssignment.Assign("c", Items, ["ana", "ana"], 1));
    }

    [Fact]
    public void SplitMix64_is_the_reference_sequence()
    {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
    }

    private static List<string> Flatten(IEnumerable<RaterPlan> plans) =>
        plans.SelectMany(p => p.Tasks.Select(t => $"{p.RaterId}:{t.ItemId}:{t.SwapSides}")).ToList();
}
