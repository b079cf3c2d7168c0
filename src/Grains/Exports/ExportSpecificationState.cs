using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Exports;

/// <summary>A team's stored export specification.</summary>
public sealed class ExportSpecificationState : IIndexedState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public ExportSpecification? Spec { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public void Create(Guid teamId, Guid createdBy, ExportSpecification spec, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The export specification already exists.");
        spec.Validate();
        (TeamId, CreatedBy, Spec, CreatedAt, Created) = (teamId, createdBy, spec, now, true);
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The export specification does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created ? [new GrainIndexEntry("team", TeamId.ToString())] : [];
}
