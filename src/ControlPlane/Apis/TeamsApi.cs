using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Apis;

/// <summary>A new team; AdminUserName (an existing user) becomes its admin, the calling platform admin when omitted.</summary>
public sealed record CreateTeamRequest(string Name, int GpuQuota, string? AdminUserName);

public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams");
        teams.MapGet("/", List).RequireAuthorization(Policies.Rater);
        teams.MapPost("/", Create).RequireAuthorization(Policies.PlatformAdmin);
        teams.MapGet("/current", Current).RequireAuthorization(Policies.Rater);
        teams.MapPut("/current/members", SetMember).RequireAuthorization(Policies.Admin);
        teams.MapDelete("/current/members/{userId:guid}", RemoveMember).RequireAuthorization(Policies.Admin);
        teams.MapPut("/{id:guid}/gpu-quota", SetQuota).RequireAuthorization(Policies.PlatformAdmin);
        return api;
    }

    /// <summary>The teams the caller belongs to (for switching: issue a token for another team).</summary>
    public static async Task<Ok<IReadOnlyList<TeamSummary>>> List([AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.TeamsOfAsync(api.Caller.UserId));

    /// <summary>Creates a team (platform admins only: its GPU quota is a share of every team's GPUs) with its first admin.</summary>
    public static async Task<Created<TeamView>> Create(CreateTeamRequest request, [AsParameters] ApiServices api)
    {
        var (adminId, adminName) = (api.Caller.UserId, api.Caller.UserName);
        if (!string.IsNullOrWhiteSpace(request.AdminUserName))
        {
            var admin = await api.Identity.FindUserAsync(request.AdminUserName)
                ?? throw new ApiValidationException($"User '{request.AdminUserName}' does not exist; a team's admin must be an existing user.");
            (adminId, adminName) = (admin.Id, admin.UserName);
        }
        var id = Guid.NewGuid();
        var team = await api.Grains.GetGrain<ITeamGrain>(id).CreateAsync(request.Name, request.GpuQuota, adminId, adminName);
        return TypedResults.Created($"/api/v1/teams/{id}", team);
    }

    public static async Task<Ok<TeamView>> Current([AsParameters] ApiServices api) => TypedResults.Ok(await api.CurrentTeamAsync());

    public static async Task<Ok<TeamView>> SetMember(SetMemberRequest request, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.SetMemberAsync(request));

    public static async Task<Ok<TeamView>> RemoveMember(Guid userId, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.Grains.GetGrain<ITeamGrain>(api.Caller.TeamId).RemoveMemberAsync(userId));

    /// <summary>Sets any team's GPU quota and minimum runtime (platform admins only), so a team's own admin cannot take a larger share.</summary>
    public static async Task<Ok<TeamView>> SetQuota(Guid id, SetQuotaRequest request, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.SetQuotaAsync(id, request));
}
