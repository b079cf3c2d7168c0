using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Application;

public sealed record TeamSummary(Guid Id, string Name, TeamRole Role);

/// <summary>The teams a user belongs to, with their role in each (for switching teams and for the sign-in).</summary>
public static class UserTeams
{
    public static async Task<IReadOnlyList<TeamSummary>> TeamsOfAsync(this ApiServices api, Guid userId)
    {
        var keys = await api.Directory.FindAsync<ITeamGrain>("member", userId.ToString());
        var teams = new List<TeamSummary>();
        foreach (var key in keys)
        {
            var team = await api.Grains.GetGrain<ITeamGrain>(key).GetAsync();
            var role = team.Members.FirstOrDefault(m => m.UserId == userId)?.Role;
            if (role is not null) teams.Add(new TeamSummary(team.Id, team.Name, role.Value));
        }
        return teams.OrderBy(t => t.Name).ToList();
    }
}
