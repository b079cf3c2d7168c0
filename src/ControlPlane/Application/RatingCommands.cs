using MedVid.ControlPlane.Errors;
using MedVid.Grains.Rating;
using MedVid.Storage;

namespace MedVid.ControlPlane.Application;

/// <summary>Rating campaigns of the caller's team: creating and closing them, their results, and a rater's own campaigns.</summary>
public static class RatingCommands
{
    /// <summary>Why a member of the campaign's team who is not one of its raters is refused (403) by the rater endpoints and pages.</summary>
    public const string NotARaterMessage = "You are not a rater of this campaign.";

    /// <summary>
    /// Creates and opens a campaign. Besides the grain's checks (protocol, items, raters in the team, videos of the
    /// team), every clip or generated video must exist in blob storage, so raters never meet a broken player.
    /// </summary>
    public static async Task<RatingCampaignView> CreateRatingCampaignAsync(this ApiServices api, RatingCampaignSpec request, CancellationToken ct)
    {
        if (request is null) throw new ApiValidationException("A campaign specification is required.");
        request.Validate(api.Caller.TeamId);
        for (var i = 0; i < request.Items.Count; i++)
            foreach (var video in request.Items[i].Videos.Where(v => v.Source != VideoSourceKind.DatasetVideo))
            {
                BlobPath.Validate(video.BlobPath!);
                if (await api.Blobs.GetPropertiesAsync(video.BlobPath!, ct) is null)
                    throw new ApiValidationException($"Item {i + 1}: the video blob '{video.BlobPath}' does not exist.");
            }
        return await api.Grains.GetGrain<IRatingCampaignGrain>(Guid.NewGuid()).CreateAsync(api.Caller.TeamId, api.Caller.UserId, request);
    }

    public static async Task<RatingResultsView> RatingResultsAsync(this ApiServices api, Guid campaignId)
    {
        await api.RatingCampaignAsync(campaignId);
        return await api.Grains.GetGrain<IRatingCampaignGrain>(campaignId).GetResultsAsync();
    }

    public static async Task<RatingCampaignView> CloseRatingCampaignAsync(this ApiServices api, Guid campaignId)
    {
        await api.RatingCampaignAsync(campaignId);
        return await api.Grains.GetGrain<IRatingCampaignGrain>(campaignId).CloseAsync();
    }

    /// <summary>Whether the caller rates this campaign of their team (another team's is unknown: 404).</summary>
    public static async Task<bool> IsRaterOfAsync(this ApiServices api, Guid campaignId) =>
        (await api.RatingCampaignAsync(campaignId)).RaterIds.Contains(api.Caller.UserId);

    /// <summary>The caller's own tasks in a campaign they rate (callers check <see cref="IsRaterOfAsync"/> first).</summary>
    public static Task<RaterQueueView> RaterQueueAsync(this ApiServices api, Guid campaignId) =>
        api.Grains.GetGrain<IRatingCampaignGrain>(campaignId).GetQueueAsync(api.Caller.UserId);

    /// <summary>The caller's campaigns in this team, with their progress (blinded: no models).</summary>
    public static async Task<List<RaterCampaignSummary>> AssignedCampaignsAsync(this ApiServices api)
    {
        var result = new List<RaterCampaignSummary>();
        foreach (var key in await api.Directory.FindAsync<IRatingCampaignGrain>("rater", api.Caller.UserId.ToString()))
        {
            var grain = api.Grains.GetGrain<IRatingCampaignGrain>(key);
            if ((await grain.GetSummaryAsync()).TeamId == api.Caller.TeamId) result.Add(await grain.GetRaterSummaryAsync(api.Caller.UserId));
        }
        return result;
    }
}
