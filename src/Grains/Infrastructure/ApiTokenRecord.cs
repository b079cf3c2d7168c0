namespace MedVid.Grains.Infrastructure;

/// <summary>An API token for scripts and the CLI, bound to one user in one team. Only its SHA-256 is stored.</summary>
public sealed class ApiTokenRecord
{
    public Guid Id { get; set; }
    public required string TokenHash { get; set; }
    public required string Name { get; set; }
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
