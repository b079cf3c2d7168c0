using System.Text;
using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Rating;
using MedVid.Rating.Protocols;
using MedVid.Storage;

namespace MedVid.ControlPlane.Apis;

/// <summary>Answers given on one task: criterion id → level key ("2", "minor", "left", "both-lose", ...).</summary>
public sealed record SubmitRatingsRequest(Dictionary<string, string>? Ratings);

/// <summary>
/// Expert rating campaigns. Researchers create, list, read, close and analyse them (with the models behind each
/// video); raters assigned to a campaign get a blinded queue, rate, and stream media through this API without ever
/// learning a model, run or blob path. Other teams' campaigns answer 404; team members who are not raters of the
/// campaign get 403 on the rater endpoints.
/// </summary>
public static class RatingCampaignsApi
{
    public static RouteGroupBuilder MapRatingCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/rating-campaigns").RequireAuthorization(Policies.Rater);
        campaigns.MapGet("/protocols", Protocols);
        campaigns.MapGet("/assigned", Assigned);
        campaigns.MapGet("/", List).RequireAuthorization(Policies.Researcher);
        campaigns.MapPost("/", Create).RequireAuthorization(Policies.Researcher);
        campaigns.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Researcher);
        campaigns.MapGet("/{id:guid}/results", Results).RequireAuthorization(Policies.Researcher);
        campaigns.MapGet("/{id:guid}/results.csv", ResultsCsv).RequireAuthorization(Policies.Researcher);
        campaigns.MapPost("/{id:guid}/close", Close).RequireAuthorization(Policies.Researcher);
        campaigns.MapGet("/{id:guid}/queue", Queue);
        campaigns.MapGet("/{id:guid}/tasks/next", Next);
        campaigns.MapGet("/{id:guid}/tasks/{itemId:guid}", GetTask);
        campaigns.MapPut("/{id:guid}/tasks/{itemId:guid}/ratings", Submit);
        campaigns.MapMethods("/{id:guid}/tasks/{itemId:guid}/media/{side}", ["GET", "HEAD"], Media);
        return api;
    }

    /// <summary>The protocols with their criteria and the text of every level, for rendering a rating form.</summary>
    public static Ok<IReadOnlyList<RatingProtocol>> Protocols() => TypedResults.Ok(RatingProtocols.All);

    public static async Task<Ok<List<RaterCampaignSummary>>> Assigned([AsParameters] ApiServices api) => TypedResults.Ok(await api.AssignedCampaignsAsync());

    public static async Task<Ok<List<RatingCampaignSummary>>> List([AsParameters] ApiServices api) => TypedResults.Ok(await api.RatingCampaignsAsync());

    public static async Task<Created<RatingCampaignView>> Create(RatingCampaignSpec request, [AsParameters] ApiServices api, HttpContext http)
    {
        var campaign = await api.CreateRatingCampaignAsync(request, http.RequestAborted);
        return TypedResults.Created($"/api/v1/rating-campaigns/{campaign.Id}", campaign);
    }

    public static async Task<Ok<RatingCampaignView>> Get(Guid id, [AsParameters] ApiServices api)
    {
        await api.RatingCampaignAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IRatingCampaignGrain>(id).GetAsync());
    }

    public static async Task<Ok<RatingResultsView>> Results(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.RatingResultsAsync(id));

    /// <summary>Every rating as CSV (RFC 4180, formula-safe), with the models: a download for researchers.</summary>
    public static async Task<FileContentHttpResult> ResultsCsv(Guid id, [AsParameters] ApiServices api)
    {
        await api.RatingCampaignAsync(id);
        var csv = await api.Grains.GetGrain<IRatingCampaignGrain>(id).ExportCsvAsync();
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"rating-campaign-{id}.csv");
    }

    public static async Task<Ok<RatingCampaignView>> Close(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.CloseRatingCampaignAsync(id));

    public static async Task<Results<Ok<RaterQueueView>, ProblemHttpResult>> Queue(Guid id, [AsParameters] ApiServices api)
    {
        if (await NotARaterAsync(api, id) is { } refused) return refused;
        return TypedResults.Ok(await api.RaterQueueAsync(id));
    }

    /// <summary>The next unfinished task in the caller's order, or 204 when every task is rated.</summary>
    public static async Task<Results<Ok<RaterTask>, NoContent, ProblemHttpResult>> Next(Guid id, [AsParameters] ApiServices api)
    {
        if (await NotARaterAsync(api, id) is { } refused) return refused;
        var next = await api.Grains.GetGrain<IRatingCampaignGrain>(id).GetNextTaskAsync(api.Caller.UserId);
        return next is null ? TypedResults.NoContent() : TypedResults.Ok(next);
    }

    public static async Task<Results<Ok<RaterTask>, ProblemHttpResult>> GetTask(Guid id, Guid itemId, [AsParameters] ApiServices api)
    {
        if (await NotARaterAsync(api, id) is { } refused) return refused;
        return TypedResults.Ok(await api.Grains.GetGrain<IRatingCampaignGrain>(id).GetTaskAsync(api.Caller.UserId, itemId));
    }

    /// <summary>Saves answers at once; answering a criterion again replaces the earlier answer. 409 once the campaign is closed.</summary>
    public static async Task<Results<Ok<RaterTask>, ProblemHttpResult>> Submit(Guid id, Guid itemId, SubmitRatingsRequest request, [AsParameters] ApiServices api)
    {
        if (await NotARaterAsync(api, id) is { } refused) return refused;
        var ratings = request?.Ratings ?? throw new ApiValidationException("Send {\"ratings\":{\"criterion-id\":\"level\"}}.");
        return TypedResults.Ok(await api.Grains.GetGrain<IRatingCampaignGrain>(id).SubmitAsync(api.Caller.UserId, itemId, ratings));
    }

    /// <summary>A video of the caller's task ("video", or "left"/"right" in their order), with HTTP ranges; the blob path stays on the server.</summary>
    public static async Task Media(Guid id, Guid itemId, string side, HttpContext http, [AsParameters] ApiServices api)
    {
        if (await NotARaterAsync(api, id) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        var blob = await api.Grains.GetGrain<IRatingCampaignGrain>(id).GetMediaBlobAsync(api.Caller.UserId, itemId, side);
        http.Response.Headers.CacheControl = "private, no-store";
        await BlobResults.Stream(http, api.Blobs, blob);
    }

    /// <summary>404 for other teams' campaigns, 403 for team members who are not raters of this one, null for its raters.</summary>
    private static async Task<ProblemHttpResult?> NotARaterAsync(ApiServices api, Guid id)
    {
        return await api.IsRaterOfAsync(id)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: RatingCommands.NotARaterMessage);
    }
}
