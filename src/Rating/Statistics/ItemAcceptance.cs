using System.Globalization;
using MedVid.Rating.Protocols;

namespace MedVid.Rating.Statistics;

/// <summary>One rated video's verdict under an acceptance rule, with the reason in words (written into export manifests).</summary>
public sealed record ItemVerdict(string ItemId, AcceptanceDecision Decision, string Outcome);

/// <summary>
/// Per-video acceptance, the rule an export's filter applies: MedGen's distortion rating by the two-of-three rule, or an
/// Ophora seven-criteria mean (over criteria and raters) of at least a threshold once every rater of the item rated every
/// criterion. Other protocols compare videos rather than judge them one by one and have no acceptance rule.
/// </summary>
public static class ItemAcceptance
{
    public static IReadOnlyList<ItemVerdict> Decide(RatingProtocol protocol, IReadOnlyList<string> itemIds, IReadOnlyList<AnalysisRating> ratings,
        int ratersPerItem, double? minimumMean)
    {
        var byItem = ratings.ToLookup(r => r.ItemId);
        return protocol.Id switch
        {
            MedGenDistortion.Id => [.. itemIds.Select(id => Distortion(id, byItem[id].Where(r => r.Criterion == MedGenDistortion.CriterionId).ToList()))],
            OphoraSevenCriteria.Id => [.. itemIds.Select(id => Mean(protocol, id, byItem[id].ToList(), ratersPerItem,
                minimumMean ?? throw new ArgumentException("The Ophora filter needs a minimum mean.", nameof(minimumMean))))],
            _ => throw new ArgumentException($"The {protocol.Id} protocol has no per-video acceptance rule.", nameof(protocol)),
        };
    }

    private static ItemVerdict Distortion(string itemId, List<AnalysisRating> ratings)
    {
        var levels = ratings.Select(r => r.Value).ToList();
        var acceptable = levels.Count(l => l <= MedGenDistortion.MaxAcceptableLevel);
        var decision = TwoOfThreeRule.Decide(levels);
        return new ItemVerdict(itemId, decision, decision switch
        {
            AcceptanceDecision.Accepted => $"accepted: {acceptable} of {levels.Count} raters saw no or minor distortion",
            AcceptanceDecision.Rejected => $"rejected: {levels.Count - acceptable} of {levels.Count} raters saw moderate or severe distortion",
            _ => $"pending: {levels.Count} of {MedGenDistortion.RatersPerItem} ratings",
        });
    }

    private static ItemVerdict Mean(RatingProtocol protocol, string itemId, List<AnalysisRating> ratings, int ratersPerItem, double minimumMean)
    {
        var complete = protocol.Criteria.All(c => ratings.Count(r => r.Criterion == c.Id) >= ratersPerItem);
        if (!complete) return new ItemVerdict(itemId, AcceptanceDecision.Pending, $"pending: {ratings.Count} of {protocol.Criteria.Count * ratersPerItem} ratings");
        var mean = ratings.Average(r => r.Value);
        var accepted = mean >= minimumMean;
        return new ItemVerdict(itemId, accepted ? AcceptanceDecision.Accepted : AcceptanceDecision.Rejected,
            string.Create(CultureInfo.InvariantCulture, $"{(accepted ? "accepted" : "rejected")}: mean {mean:0.00} {(accepted ? ">=" : "<")} {minimumMean:0.00}"));
    }
}
