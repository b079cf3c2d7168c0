using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;

namespace MedVid.ControlPlane.Application;

/// <summary>
/// A specification as a request: labels written by hand, or taken from a dataset version (<paramref name="LabelsFrom"/>);
/// seeds, sampling and outputs default to fresh seeds, the sampler defaults and a zip kept 30 days.
/// </summary>
public sealed record CreateExportSpecificationRequest(
    string? Name, ExportSource? Source, List<ExportLabel>? Labels, LabelOrigin? LabelsFrom, int VideosPerLabel, SeedPolicy? Seeds,
    ExportSampling? Sampling, ExportOutputs? Outputs, AcceptanceFilter? Filter);

public sealed record CreateExportScheduleRequest(Guid SpecificationId, string? Cron, string? TimeZone, MisfirePolicy? Misfire);

/// <summary>Export specifications, their manual runs and their schedules, for the caller's team.</summary>
public static class ExportCommands
{
    public static async Task<ExportSpecificationView> CreateExportSpecificationAsync(this ApiServices api, CreateExportSpecificationRequest request,
        CancellationToken ct)
    {
        var labels = request.Labels is { Count: > 0 } || request.LabelsFrom is null
            ? (IReadOnlyList<ExportLabel>)(request.Labels ?? [])
            : await ExportLabelsFromDataset.ResolveAsync(api, request.LabelsFrom, ct);
        var spec = new ExportSpecification(request.Name ?? "", request.Source!, labels, request.VideosPerLabel, request.Seeds ?? SeedPolicy.FreshSeeds,
            request.Sampling ?? new ExportSampling(), request.Outputs ?? new ExportOutputs(), request.Filter, request.LabelsFrom);
        return await api.Grains.GetGrain<IExportSpecificationGrain>(Guid.NewGuid()).CreateAsync(api.Caller.TeamId, api.Caller.UserId, spec);
    }

    public static async Task<ExportRunView> StartExportRunAsync(this ApiServices api, Guid specificationId)
    {
        var spec = await api.ExportSpecificationAsync(specificationId);
        return await api.Grains.GetGrain<IExportRunGrain>(Guid.NewGuid()).StartAsync(
            new ExportRunRequest(api.Caller.TeamId, api.Caller.UserId, spec.Id, spec.Spec, ExportTrigger.Manual));
    }

    public static Task<ExportScheduleView> CreateExportScheduleAsync(this ApiServices api, CreateExportScheduleRequest request) =>
        api.Grains.GetGrain<IExportScheduleGrain>(Guid.NewGuid()).CreateAsync(api.Caller.TeamId, api.Caller.UserId,
            new ExportScheduleSpec(request.SpecificationId, request.Cron ?? "", request.TimeZone ?? "", request.Misfire ?? MisfirePolicy.RunOnce));
}
