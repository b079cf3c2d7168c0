using MedVid.Grains.Abstractions;

using Orleans;

namespace MedVid.Grains.Teams;

/// <summary>A team, keyed by its id.</summary>
public interface ITeamGrain : IGrainWithGuidKey
{
    /// <summary>Creates the team with its creator as first admin.</summary>
    Task<TeamView> CreateAsync(string name, int gpuQuota, Guid creatorId, string creatorName);

    Task<TeamView> GetAsync();

    /// <summary>Adds a member or changes their role; the last admin cannot be demoted.</summary>
    Task<TeamView> SetMemberAsync(Guid userId, string userName, TeamRole role);

    /// <summary>Removes a member; the last admin cannot leave.</summary>
    Task<TeamView> RemoveMemberAsync(Guid userId);

    /// <summary>Sets the guaranteed GPUs and, when given, the minimum runtime before the team's borrowed work may be preempted.</summary>
    Task<TeamView> SetGpuQuotaAsync(int gpus, int? minimumRuntimeMinutes = null);

    /// <summary>The user's role, or null when they are not a member (or the team does not exist).</summary>
    Task<TeamRole?> GetRoleAsync(Guid userId);
}

/// <param name="MinimumRuntimeMinutes">How long borrowed work runs before it may be preempted; null: the platform default.</param>
public sealed record TeamView(Guid Id, string Name, int GpuQuota, DateTimeOffset CreatedAt, IReadOnlyList<TeamMemberView> Members,
    int? MinimumRuntimeMinutes);

public sealed record TeamMemberView(Guid UserId, string UserName, TeamRole Role);
