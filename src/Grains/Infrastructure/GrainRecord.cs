namespace MedVid.Grains.Infrastructure;

/// <summary>One grain's persisted state. <see cref="Version"/> is the optimistic-concurrency token.</summary>
public sealed class GrainRecord
{
    public required string GrainType { get; set; }
    public required Guid Key { get; set; }
    public required string StateJson { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
