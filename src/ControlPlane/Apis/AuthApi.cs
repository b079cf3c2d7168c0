using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Apis;

public sealed record IssueTokenRequest(string UserName, string Password, Guid? TeamId, string? Name, int? LifetimeDays);

public sealed record IssuedToken(string Token, Guid TokenId, Guid TeamId, string TeamName, TeamRole Role, DateTimeOffset? ExpiresAt);

public sealed record Me(Guid UserId, string UserName, Guid TeamId, TeamRole Role, IReadOnlyList<TeamSummary> Teams);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/tokens", IssueToken).AllowAnonymous();
        api.MapGet("/auth/me", GetMe).RequireAuthorization(Policies.Rater);
        api.MapDelete("/auth/tokens/current", RevokeCurrent).RequireAuthorization(Policies.Rater);
        return api;
    }

    /// <summary>Signs in with user name and password and returns an API token for one of the user's teams.</summary>
    public static async Task<Results<Ok<IssuedToken>, UnauthorizedHttpResult, ProblemHttpResult>> IssueToken(IssueTokenRequest request, [AsParameters] ApiServices api)
    {
        var user = await api.Identity.VerifyPasswordAsync(request.UserName, request.Password);
        if (user is null) return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized);
        var teams = await api.TeamsOfAsync(user.Id);
        if (teams.Count == 0) return TypedResults.Problem("The user is not a member of any team.", statusCode: StatusCodes.Status403Forbidden);
        var team = request.TeamId is { } wanted ? teams.FirstOrDefault(t => t.Id == wanted) : teams.OrderBy(t => t.Name).First();
        if (team is null) return TypedResults.Problem("The user is not a member of that team.", statusCode: StatusCodes.Status403Forbidden);
        if (request.LifetimeDays is < 1 or > 3650) return TypedResults.Problem("lifetimeDays must be between 1 and 3650.", statusCode: 400);
        var (token, record) = await api.Identity.IssueTokenAsync(user.Id, team.Id, request.Name ?? "api",
            request.LifetimeDays is { } days ? TimeSpan.FromDays(days) : null);
        return TypedResults.Ok(new IssuedToken(token, record.Id, team.Id, team.Name, team.Role, record.ExpiresAt));
    }

    public static async Task<Ok<Me>> GetMe([AsParameters] ApiServices api)
    {
        var caller = api.Caller;
        return TypedResults.Ok(new Me(caller.UserId, caller.UserName, caller.TeamId, caller.Role, await api.TeamsOfAsync(caller.UserId)));
    }

    public static async Task<NoContent> RevokeCurrent([AsParameters] ApiServices api)
    {
        if (api.Caller.TokenId is { } id) await api.Identity.RevokeTokenAsync(id);
        return TypedResults.NoContent();
    }

}
