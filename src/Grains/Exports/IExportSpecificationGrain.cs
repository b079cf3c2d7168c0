using Orleans;

namespace MedVid.Grains.Exports;

/// <summary>A team's export specification, keyed by its id. Runs and schedules copy it when they start.</summary>
public interface IExportSpecificationGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores the specification after validating it and checking that its training run belongs to the team and, when a
    /// checkpoint step is named, that the run kept it. Nothing is stored when a check fails.
    /// </summary>
    Task<ExportSpecificationView> CreateAsync(Guid teamId, Guid createdBy, ExportSpecification spec);

    Task<ExportSpecificationView> GetAsync();
}

public sealed record ExportSpecificationView(Guid Id, Guid TeamId, Guid CreatedBy, ExportSpecification Spec, DateTimeOffset CreatedAt);
