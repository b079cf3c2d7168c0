using MedVid.Rating.Protocols;

namespace MedVid.Grains.Rating;

/// <summary>
/// Media of a task as a rater receives it: a side name and a URL of the campaign's media endpoint. No blob path, model
/// or source id: the endpoint resolves the side for this rater on the server.
/// </summary>
public sealed record RaterMedia(string Side, string Url)
{
    public const string Video = "video";
    public const string Left = "left";
    public const string Right = "right";

    public static string UrlOf(Guid campaignId, Guid itemId, string side) => $"/api/v1/rating-campaigns/{campaignId}/tasks/{itemId}/media/{side}";
}

/// <summary>
/// One task as a RATER sees it (blinded): an opaque item id, its place in their queue, the prompt and label, the media
/// to play (for pairs already in this rater's left/right order), and their own answers so far in screen terms.
/// </summary>
public sealed record RaterTask(
    Guid CampaignId, Guid ItemId, int Position, int Total, string? Prompt, string? Label, IReadOnlyList<RaterMedia> Media,
    IReadOnlyDictionary<string, string> Ratings, bool Complete);

/// <summary>A rater's whole queue with progress, and the protocol (criteria and level texts) the portal renders.</summary>
public sealed record RaterQueueView(
    Guid CampaignId, string Name, RatingProtocol Protocol, CampaignStatus Status, int Total, int Completed, IReadOnlyList<RaterTask> Tasks);

/// <summary>A campaign in a rater's list of campaigns.</summary>
public sealed record RaterCampaignSummary(Guid CampaignId, string Name, string Protocol, CampaignStatus Status, int Total, int Completed);
