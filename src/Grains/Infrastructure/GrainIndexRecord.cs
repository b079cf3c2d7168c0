namespace MedVid.Grains.Infrastructure;

/// <summary>A secondary index entry of a grain (see <see cref="Abstractions.IIndexedState"/>).</summary>
public sealed class GrainIndexRecord
{
    public long Id { get; set; }
    public required string GrainType { get; set; }
    public required Guid Key { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
}
