using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;

using Orleans;

namespace MedVid.Grains.Teams;

[GrainType(GrainTypeNames.Team)]
public sealed class TeamGrain(TimeProvider clock, IGrainFactory grains) : StatefulGrain<TeamState>, ITeamGrain
{
    public async Task<TeamView> CreateAsync(string name, int gpuQuota, Guid creatorId, string creatorName)
    {
        State.Create(name, gpuQuota, creatorId, creatorName, clock.GetUtcNow());
        await WriteStateAsync();
        await TellSchedulerAsync();
        return View();
    }

    public Task<TeamView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<TeamView> SetMemberAsync(Guid userId, string userName, TeamRole role)
    {
        State.SetMember(userId, userName, role, clock.GetUtcNow());
        await WriteStateAsync();
        return View();
    }

    public async Task<TeamView> RemoveMemberAsync(Guid userId)
    {
        State.RemoveMember(userId);
        await WriteStateAsync();
        return View();
    }

    public async Task<TeamView> SetGpuQuotaAsync(int gpus, int? minimumRuntimeMinutes = null)
    {
        State.SetGpuQuota(gpus, minimumRuntimeMinutes);
        await WriteStateAsync();
        await TellSchedulerAsync();
        return View();
    }

    private Task TellSchedulerAsync() =>
        grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).SetTeamAsync(new TeamScheduling(Key, State.Name, State.GpuQuota,
            State.MinimumRuntimeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null));

    public Task<TeamRole?> GetRoleAsync(Guid userId) => Task.FromResult(State.Created ? State.RoleOf(userId) : null);

    private TeamView View() => new(Key, State.Name, State.GpuQuota, State.CreatedAt,
        State.Members.Select(m => new TeamMemberView(m.UserId, m.UserName, m.Role)).ToList(), State.MinimumRuntimeMinutes);
}
