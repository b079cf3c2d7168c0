using System.Globalization;
using MedVid.Grains.Abstractions;
using MedVid.Rating.Export;
using MedVid.Rating.Protocols;
using MedVid.Rating.Statistics;

namespace MedVid.Grains.Rating;

/// <summary>Turns a campaign's state into the inputs of the statistics and into the CSV export.</summary>
public static class CampaignExport
{
    public static readonly IReadOnlyList<string> Header =
    [
        "campaign_id", "item_id", "item_index", "label", "prompt", "rater_id", "rater_name", "criterion", "value", "level", "shown_as",
        "model_a", "checkpoint_a", "run_a", "source_a", "model_b", "checkpoint_b", "run_b", "source_b", "rated_at", "gold_answer",
    ];

    public static CampaignResults Analyze(RatingCampaignState state)
    {
        var items = state.Items.Select(i => new AnalysisItem(i.Id.ToString(), i.Videos.Select(v => v.System).ToList(), i.Label, i.Gold)).ToList();
        var ratings = state.Ratings.Select(r => new AnalysisRating(r.ItemId.ToString(), r.RaterId.ToString(), r.Criterion, r.Value)).ToList();
        return CampaignAnalysis.Analyze(state.Protocol, items, ratings, state.RatersPerItem);
    }

    /// <summary>Per video and criterion, the experts' mean score (<see cref="MetricAgreement.VideoScores"/>); gold items left out.</summary>
    public static IReadOnlyList<VideoExpertScore> VideoScores(RatingCampaignState state)
    {
        if (state.Protocol.Shape == ItemShape.Pair)
            throw new InvalidGrainArgumentException(
                $"The campaign compares pairs ({state.ProtocolId}); agreement with a metric needs a campaign that rates single videos (ophora-seven-criteria, medgen-distortion).");
        var items = state.Items.Where(i => i.Gold is null).Select(i => (i.Id.ToString(), i.Videos[0].BlobPath)).ToList();
        var ratings = state.Ratings.Select(r => new AnalysisRating(r.ItemId.ToString(), r.RaterId.ToString(), r.Criterion, r.Value)).ToList();
        return MetricAgreement.VideoScores(items, ratings);
    }

    /// <summary>
    /// One row per rating in item order, then rater order. "level" is the key in the item's terms ("a-wins" etc. for
    /// pairs); "shown_as" is what the rater clicked ("left"/"right"); "gold_answer" is the known answer on gold items.
    /// </summary>
    public static string Csv(Guid campaignId, RatingCampaignState state)
    {
        var protocol = state.Protocol;
        var items = state.Items.ToDictionary(i => i.Id);
        var raters = state.Raters.ToDictionary(r => r.UserId);
        var rows = state.Ratings
            .OrderBy(r => items[r.ItemId].Index).ThenBy(r => state.Raters.FindIndex(x => x.UserId == r.RaterId))
            .ThenBy(r => protocol.Criteria.ToList().FindIndex(c => c.Id == r.Criterion))
            .Select(r =>
            {
                var item = items[r.ItemId];
                var rater = raters[r.RaterId];
                var criterion = protocol.FindCriterion(r.Criterion)!;
                var (level, shown) = protocol.Shape == ItemShape.Pair
                    ? (PairLevel((PairOutcome)r.Value), criterion.Level(MedGenPairwise.ToScreen((PairOutcome)r.Value, rater.Tasks.First(t => t.ItemId == r.ItemId).Swapped)).Key)
                    : (criterion.Level(r.Value).Key, criterion.Level(r.Value).Key);
                var a = item.Videos[0];
                var b = item.Videos.ElementAtOrDefault(1);
                return (IReadOnlyList<string?>)
                [
                    campaignId.ToString(), item.Id.ToString(), item.Index.ToString(CultureInfo.InvariantCulture), item.Label, item.Prompt,
                    rater.UserId.ToString(), rater.UserName, r.Criterion, r.Value.ToString(CultureInfo.InvariantCulture), level, shown,
                    a.Model, a.Checkpoint, a.RunId?.ToString(), Source(a), b?.Model, b?.Checkpoint, b?.RunId?.ToString(), b is null ? null : Source(b),
                    r.RatedAt.ToString("O", CultureInfo.InvariantCulture),
                    item.Gold?.TryGetValue(r.Criterion, out var answer) == true ? GoldAnswers.Key(protocol, criterion, answer) : null,
                ];
            });
        return CsvWriter.Write(Header, rows);
    }

    private static string PairLevel(PairOutcome outcome) => outcome switch
    {
        PairOutcome.AWins => "a-wins",
        PairOutcome.BWins => "b-wins",
        PairOutcome.Tie => "tie",
        _ => "both-lose",
    };

    private static string Source(CampaignVideo video) => video.Source switch
    {
        VideoSourceKind.DatasetVideo => $"dataset:{video.DatasetId}/video:{video.VideoId}",
        _ => video.BlobPath,
    };
}
