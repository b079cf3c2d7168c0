using MedVid.Grains.Abstractions;
using MedVid.Rating.Statistics;
using Orleans;

namespace MedVid.Grains.Rating;

/// <summary>
/// An expert rating campaign, keyed by its id. Methods taking a rater id return only blinded views
/// (<see cref="RaterTask"/>: no model, checkpoint, run or blob path) and refuse users who are not raters of the
/// campaign or items not in their queue (<see cref="EntityNotFoundException"/>). The others are for researchers.
/// </summary>
public interface IRatingCampaignGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Validates the spec against the protocol, checks the raters are members of the team and every video is the
    /// team's (dataset videos must be ingested), deals the items to the raters and opens the campaign.
    /// </summary>
    Task<RatingCampaignView> CreateAsync(Guid teamId, Guid createdBy, RatingCampaignSpec spec);

    Task<RatingCampaignView> GetAsync();

    Task<RatingCampaignSummary> GetSummaryAsync();

    Task<RaterCampaignSummary> GetRaterSummaryAsync(Guid raterId);

    Task<RaterQueueView> GetQueueAsync(Guid raterId);

    /// <summary>The first task in the rater's order with a criterion still unrated; null when all are done.</summary>
    Task<RaterTask?> GetNextTaskAsync(Guid raterId);

    Task<RaterTask> GetTaskAsync(Guid raterId, Guid itemId);

    /// <summary>
    /// Stores answers (criterion id → level key, e.g. "2", "minor", "left", "both-lose") at once. Idempotent per
    /// (rater, item, criterion): answering again replaces. Refused once the campaign is closed.
    /// </summary>
    Task<RaterTask> SubmitAsync(Guid raterId, Guid itemId, IReadOnlyDictionary<string, string> ratings);

    /// <summary>The blob behind a side of a rater's task, for the server to stream. Never hand the path to the rater.</summary>
    Task<string> GetMediaBlobAsync(Guid raterId, Guid itemId, string side);

    Task<RatingResultsView> GetResultsAsync();

    /// <summary>One row per rating, RFC 4180, formula-safe, with the models (researchers only).</summary>
    Task<string> ExportCsvAsync();

    Task<RatingCampaignView> CloseAsync();

    /// <summary>
    /// Each item's acceptance verdict, in item order, under the campaign's protocol (<paramref name="minimumMean"/> for
    /// the Ophora rule): what an export's acceptance filter keeps. Refused for protocols without a per-video rule.
    /// </summary>
    Task<CampaignVerdicts> GetVerdictsAsync(double? minimumMean);

    /// <summary>
    /// The experts' score of each rated video per criterion (gold items left out), keyed by the video's blob path: what
    /// automatic metrics are correlated with. Refused for pairwise campaigns, which score no single video.
    /// </summary>
    Task<IReadOnlyList<VideoExpertScore>> GetVideoScoresAsync();
}
