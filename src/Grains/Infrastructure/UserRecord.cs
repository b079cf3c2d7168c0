namespace MedVid.Grains.Infrastructure;

/// <summary>A person who signs in. Team membership and roles live in the Team grain.</summary>
public sealed class UserRecord
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// May create teams and set GPU quotas. Quotas share the platform's GPUs between teams, so no team's admin may
    /// set their own; this is a property of the person, not of a team membership.
    /// </summary>
    public bool IsPlatformAdmin { get; set; }
}
