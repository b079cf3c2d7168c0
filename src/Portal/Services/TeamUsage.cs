using MedVid.ControlPlane.Application;
using MedVid.ControlPlane.Apis;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;

namespace MedVid.Portal.Services;

/// <summary>
/// A team's GPUs in use (by placed work) against its quota, what it borrows and lends, and what waits, for the teams the
/// signed-in user belongs to.
/// </summary>
public sealed record TeamUsage(Guid TeamId, string Name, int GpuQuota, int GpusInUse, int CpuItemsRunning, int Queued, TeamShare Share)
{
    public bool Borrowing => GpusInUse > GpuQuota;

    public int BarPercent => GpuQuota == 0 ? (GpusInUse > 0 ? 100 : 0) : Math.Min(100, GpusInUse * 100 / GpuQuota);

    public static async Task<IReadOnlyList<TeamUsage>> ForUserAsync(PortalSession session)
    {
        var scheduler = session.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id);
        var usage = new List<TeamUsage>();
        foreach (var summary in await session.Api.TeamsOfAsync(session.Caller.UserId))
        {
            var team = await session.Grains.GetGrain<ITeamGrain>(summary.Id).GetAsync();
            var items = await scheduler.ListAsync(summary.Id);
            var placed = items.Where(i => i.State is WorkItemState.Assigned or WorkItemState.Running).ToList();
            usage.Add(new TeamUsage(team.Id, team.Name, team.GpuQuota, placed.Sum(i => i.Gpus), placed.Count(i => i.Gpus == 0),
                items.Count(i => i.State == WorkItemState.Queued), await scheduler.GetTeamShareAsync(summary.Id)));
        }
        return usage;
    }
}
