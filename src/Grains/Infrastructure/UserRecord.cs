namespace MedVid.Grains.Infrastructure;

/// <summary>A person who signs in. Team membership and roles live in the Team grain.</summary>
public sealed class UserRecord
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
