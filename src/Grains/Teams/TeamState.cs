using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Teams;

public sealed class TeamMember
{
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public TeamRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A research group: its members with roles, and how many GPUs it is guaranteed.</summary>
public sealed class TeamState : IIndexedState
{
    public const int MaxGpuQuota = 1024;

    /// <summary>The longest minimum runtime a team may ask for its borrowed work (a day).</summary>
    public const int MaxMinimumRuntimeMinutes = 1440;

    public bool Created { get; set; }
    public string Name { get; set; } = "";
    public int GpuQuota { get; set; }

    /// <summary>How long the team's borrowed work runs before it may be preempted; null: the platform default.</summary>
    public int? MinimumRuntimeMinutes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<TeamMember> Members { get; set; } = [];

    public void Create(string name, int gpuQuota, Guid creatorId, string creatorName, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException($"Team '{Name}' already exists.");
        Name = ValidName(name);
        GpuQuota = ValidQuota(gpuQuota);
        CreatedAt = now;
        Created = true;
        Members = [new TeamMember { UserId = creatorId, UserName = creatorName, Role = TeamRole.Admin, AddedAt = now }];
    }

    public void SetMember(Guid userId, string userName, TeamRole role, DateTimeOffset now)
    {
        RequireCreated();
        if (!Enum.IsDefined(role)) throw new InvalidGrainArgumentException($"Unknown role '{role}'.");
        var member = Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            Members.Add(new TeamMember { UserId = userId, UserName = userName, Role = role, AddedAt = now });
            return;
        }
        if (member.Role == TeamRole.Admin && role != TeamRole.Admin) RequireAnotherAdmin(userId);
        member.Role = role;
    }

    public void RemoveMember(Guid userId)
    {
        RequireCreated();
        var member = Members.FirstOrDefault(m => m.UserId == userId)
            ?? throw new EntityNotFoundException($"User {userId} is not a member of team '{Name}'.");
        if (member.Role == TeamRole.Admin) RequireAnotherAdmin(userId);
        Members.Remove(member);
    }

    /// <summary>Sets the guaranteed GPUs and, when given, the minimum runtime of borrowed work (null keeps the current one).</summary>
    public void SetGpuQuota(int gpus, int? minimumRuntimeMinutes)
    {
        RequireCreated();
        if (minimumRuntimeMinutes is < 0 or > MaxMinimumRuntimeMinutes)
            throw new InvalidGrainArgumentException($"A minimum runtime must be between 0 and {MaxMinimumRuntimeMinutes} minutes.");
        GpuQuota = ValidQuota(gpus);
        if (minimumRuntimeMinutes is not null) MinimumRuntimeMinutes = minimumRuntimeMinutes;
    }

    public TeamRole? RoleOf(Guid userId) => Members.FirstOrDefault(m => m.UserId == userId)?.Role;

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The team does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Members.Select(m => new GrainIndexEntry("member", m.UserId.ToString()));

    private void RequireAnotherAdmin(Guid leaving)
    {
        if (!Members.Any(m => m.Role == TeamRole.Admin && m.UserId != leaving))
            throw new IllegalTransitionException("A team must keep at least one admin.");
    }

    private static string ValidName(string name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) throw new InvalidGrainArgumentException("A team name must have 1 to 100 characters.");
        return name;
    }

    private static int ValidQuota(int gpus) =>
        gpus is >= 0 and <= MaxGpuQuota ? gpus : throw new InvalidGrainArgumentException($"A GPU quota must be between 0 and {MaxGpuQuota}.");
}
