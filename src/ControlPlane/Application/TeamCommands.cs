using MedVid.ControlPlane.Errors;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Application;

/// <summary>Adds a member; when the user name is new, Password (and optionally DisplayName) create the user.</summary>
public sealed record SetMemberRequest(string UserName, TeamRole Role, string? Password, string? DisplayName);

/// <summary>A team's guaranteed GPUs; MinimumRuntimeMinutes (optional, kept when omitted) protects its borrowed work from preemption.</summary>
public sealed record SetQuotaRequest(int Gpus, int? MinimumRuntimeMinutes);

/// <summary>The caller's team, its members and (for platform administrators) any team's quota.</summary>
public static class TeamCommands
{
    public static Task<TeamView> CurrentTeamAsync(this ApiServices api) => api.Grains.GetGrain<ITeamGrain>(api.Caller.TeamId).GetAsync();

    public static async Task<TeamView> SetMemberAsync(this ApiServices api, SetMemberRequest request)
    {
        if (!Enum.IsDefined(request.Role)) throw new ApiValidationException("role must be rater, researcher or admin.");
        var user = await api.Identity.FindUserAsync(request.UserName ?? "");
        if (user is null)
        {
            if (string.IsNullOrEmpty(request.Password))
                throw new ApiValidationException($"User '{request.UserName}' does not exist; give a password to create them.");
            user = await api.Identity.CreateUserAsync(request.UserName!, request.DisplayName ?? "", request.Password);
        }
        return await api.Grains.GetGrain<ITeamGrain>(api.Caller.TeamId).SetMemberAsync(user.Id, user.UserName, request.Role);
    }

    /// <summary>Sets any team's GPU quota and minimum runtime (platform admins only, by the endpoint's and page's policy).</summary>
    public static Task<TeamView> SetQuotaAsync(this ApiServices api, Guid teamId, SetQuotaRequest request) =>
        api.Grains.GetGrain<ITeamGrain>(teamId).SetGpuQuotaAsync(request.Gpus, request.MinimumRuntimeMinutes);
}
