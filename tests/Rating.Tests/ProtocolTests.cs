using MedVid.Rating.Protocols;

namespace MedVid.Rating.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public void Ophora_has_the_papers_seven_criteria_each_scored_0_to_3_by_realism_share()
    {
        var protocol = RatingProtocols.Find(OphoraSevenCriteria.Id)!;
        Assert.Equal(
            ["phase-matching", "phase-completeness", "construction-realism", "construction-stability", "action-realism", "action-logic", "action-effectiveness"],
            protocol.Criteria.Select(c => c.Id));
        Assert.All(protocol.Criteria, c => Assert.Equal([0, 1, 2, 3], c.Levels.Select(l => l.Value)));
        Assert.Equal(["0%-10%", "10%-50%", "50%-90%", "90%-100%"], OphoraSevenCriteria.RealismLevels.Select(l => l.Label.Split(' ')[1]));
        Assert.Equal(ItemShape.SingleVideo, protocol.Shape);
    }

    [Fact]
    public void MedGen_pairwise_compares_two_videos_on_three_criteria_with_both_lose()
    {
        var protocol = RatingProtocols.Find(MedGenPairwise.Id)!;
        Assert.Equal(["text-alignment", "medical-accuracy", "visual-quality"], protocol.Criteria.Select(c => c.Id));
        Assert.All(protocol.Criteria, c => Assert.Equal(["left", "right", "tie", "both-lose"], c.Levels.Select(l => l.Key)));
        Assert.Equal(2, protocol.VideosPerItem);
    }

    [Fact]
    public void Screen_sides_map_to_the_items_videos_only_when_swapped()
    {
        Assert.Equal(PairOutcome.AWins, MedGenPairwise.FromScreen((int)PairOutcome.AWins, swapped: false));
        Assert.Equal(PairOutcome.BWins, MedGenPairwise.FromScreen((int)PairOutcome.AWins, swapped: true)); // "left" was B
        Assert.Equal(PairOutcome.AWins, MedGenPairwise.FromScreen((int)PairOutcome.BWins, swapped: true));
        Assert.Equal(PairOutcome.Tie, MedGenPairwise.FromScreen((int)PairOutcome.Tie, swapped: true));
        Assert.Equal(PairOutcome.BothLose, MedGenPairwise.FromScreen((int)PairOutcome.BothLose, swapped: true));
        Assert.Equal((int)PairOutcome.BWins, MedGenPairwise.ToScreen(PairOutcome.AWins, swapped: true));
    }

    [Fact]
    public void MedGen_distortion_has_four_levels_and_three_raters()
    {
        var protocol = RatingProtocols.Find(MedGenDistortion.Id)!;
        Assert.Equal(["none", "minor", "moderate", "severe"], protocol.Criteria.Single().Levels.Select(l => l.Key));
        Assert.Equal(3, protocol.RequiredRatersPerItem);
        Assert.Null(RatingProtocols.Find("unknown"));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 3 }, AcceptanceDecision.Accepted)] // two of three: no or minor
    [InlineData(new[] { 1, 1, 1 }, AcceptanceDecision.Accepted)]
    [InlineData(new[] { 2, 3, 0 }, AcceptanceDecision.Rejected)] // two of three: moderate or severe
    [InlineData(new[] { 2, 2, 2 }, AcceptanceDecision.Rejected)]
    [InlineData(new[] { 1, 2 }, AcceptanceDecision.Pending)] // the third rater decides
    [InlineData(new[] { 0, 0 }, AcceptanceDecision.Accepted)] // already two of three
    [InlineData(new[] { 3 }, AcceptanceDecision.Pending)]
    [InlineData(new int[0], AcceptanceDecision.Pending)]
    public void Two_of_three_acceptance(int[] levels, AcceptanceDecision expected) =>
        Assert.Equal(expected, TwoOfThreeRule.Decide(levels));

    [Fact]
    public void The_rule_refuses_more_than_three_ratings() =>
        Assert.Throws<ArgumentException>(() => TwoOfThreeRule.Decide([0, 0, 3, 3]));
}
