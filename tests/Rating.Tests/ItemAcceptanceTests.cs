using MedVid.Rating.Protocols;

namespace MedVid.Rating.Tests;

/// <summary>The per-video verdicts an export's acceptance filter applies.</summary>
public sealed class ItemAcceptanceTests
{
    private static AnalysisRating R(string item, string rater, string criterion, int value) => new(item, rater, criterion, value);

    [Fact]
    public void MedGen_accepts_by_two_of_three_and_waits_while_undecided()
    {
        var d = MedGenDistortion.CriterionId;
        var verdicts = ItemAcceptance.Decide(RatingProtocols.Find(MedGenDistortion.Id)!, ["a", "b", "c"],
            [R("a", "1", d, 0), R("a", "2", d, 1), R("a", "3", d, 3), R("b", "1", d, 2), R("b", "2", d, 3), R("c", "1", d, 0), R("c", "2", d, 2)], 3, null);

        Assert.Equal([AcceptanceDecision.Accepted, AcceptanceDecision.Rejected, AcceptanceDecision.Pending], verdicts.Select(v => v.Decision));
        Assert.Equal("accepted: 2 of 3 raters saw no or minor distortion", verdicts[0].Outcome);
        Assert.Equal("rejected: 2 of 2 raters saw moderate or severe distortion", verdicts[1].Outcome);
        Assert.Equal("pending: 2 of 3 ratings", verdicts[2].Outcome);
    }

    [Fact]
    public void Ophora_accepts_a_mean_at_the_threshold_once_every_criterion_is_rated()
    {
        var protocol = RatingProtocols.Find(OphoraSevenCriteria.Id)!;
        var criteria = protocol.Criteria.Select(c => c.Id).ToList();
        List<AnalysisRating> ratings =
        [
            .. criteria.Select((c, i) => R("high", "1", c, i % 2 == 0 ? 2 : 3)), // mean 2.43
            .. criteria.Select(c => R("at", "1", c, 2)), // mean exactly 2
            .. criteria.Select(c => R("low", "1", c, 1)),
            .. criteria.Skip(1).Select(c => R("partial", "1", c, 3)),
        ];

        var verdicts = ItemAcceptance.Decide(protocol, ["high", "at", "low", "partial"], ratings, 1, 2.0);

        Assert.Equal([AcceptanceDecision.Accepted, AcceptanceDecision.Accepted, AcceptanceDecision.Rejected, AcceptanceDecision.Pending],
            verdicts.Select(v => v.Decision));
        Assert.Equal("accepted: mean 2.43 >= 2.00", verdicts[0].Outcome);
        Assert.Equal("rejected: mean 1.00 < 2.00", verdicts[2].Outcome);
        Assert.Equal("pending: 6 of 7 ratings", verdicts[3].Outcome);
    }

    [Fact]
    public void Pairwise_protocols_have_no_per_video_rule() =>
        Assert.Throws<ArgumentException>(() => ItemAcceptance.Decide(RatingProtocols.Find(MedGenPairwise.Id)!, ["a"], [], 1, null));
}
