using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using Orleans;

namespace MedVid.Grains.Exports;

[GrainType(GrainTypeNames.ExportSpecification)]
public sealed class ExportSpecificationGrain(TimeProvider clock, IGrainFactory grains) : StatefulGrain<ExportSpecificationState>, IExportSpecificationGrain
{
    public async Task<ExportSpecificationView> CreateAsync(Guid teamId, Guid createdBy, ExportSpecification spec)
    {
        if (State.Created) throw new IllegalTransitionException("The export specification already exists.");
        spec.Validate();
        await ExportSources.RequireAsync(grains, teamId, spec.Source);
        await ExportSources.RequireRatersAsync(grains, teamId, spec.Filter);
        spec = spec with { Outputs = spec.Outputs.Resolved(spec.LabelsFrom) };
        await ExportSources.RequireSyntheticDatasetAsync(grains, teamId, spec.Outputs);
        State.Create(teamId, createdBy, spec, clock.GetUtcNow());
        await WriteStateAsync();
        return View();
    }

    public Task<ExportSpecificationView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    private ExportSpecificationView View() => new(Key, State.TeamId, State.CreatedBy, State.Spec!, State.CreatedAt);
}
