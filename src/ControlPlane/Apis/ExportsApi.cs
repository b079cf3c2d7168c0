using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Exports;
using MedVid.Grains.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MedVid.ControlPlane.Application;

namespace MedVid.ControlPlane.Apis;

/// <summary>
/// A specification as a request: labels written by hand, or taken from a dataset version (<paramref name="LabelsFrom"/>);
/// seeds, sampling and outputs default to fresh seeds, the sampler defaults and a zip kept 30 days.
/// </summary>
public sealed record CreateExportSpecificationRequest(
    string? Name, ExportSource? Source, List<ExportLabel>? Labels, LabelOrigin? LabelsFrom, int VideosPerLabel, SeedPolicy? Seeds,
    ExportSampling? Sampling, ExportOutputs? Outputs, AcceptanceFilter? Filter);

/// <summary>/api/v1/exports: a team's export specifications, their runs, and the runs' zips (researchers and above; raters are refused).</summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").RequireAuthorization(Policies.Researcher);
        exports.MapGet("/specifications", ListSpecifications);
        exports.MapPost("/specifications", CreateSpecification);
        exports.MapGet("/specifications/{id:guid}", GetSpecification);
        exports.MapPost("/specifications/{id:guid}/runs", StartRun);
        exports.MapGet("/runs", ListRuns);
        exports.MapGet("/runs/{id:guid}", GetRun);
        exports.MapPost("/runs/{id:guid}/cancel", CancelRun);
        exports.MapPost("/runs/{id:guid}/retry", RetryRun);
        exports.MapMethods("/runs/{id:guid}/download", [HttpMethods.Get, HttpMethods.Head], Download);
        return api;
    }

    public static async Task<Ok<List<ExportSpecificationView>>> ListSpecifications([AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.ExportSpecificationsAsync());

    public static async Task<Created<ExportSpecificationView>> CreateSpecification(CreateExportSpecificationRequest request, [AsParameters] ApiServices api,
        CancellationToken ct)
    {
        var labels = request.Labels is { Count: > 0 } || request.LabelsFrom is null
            ? (IReadOnlyList<ExportLabel>)(request.Labels ?? [])
            : await ExportLabelsFromDataset.ResolveAsync(api, request.LabelsFrom, ct);
        var spec = new ExportSpecification(request.Name ?? "", request.Source!, labels, request.VideosPerLabel, request.Seeds ?? SeedPolicy.FreshSeeds,
            request.Sampling ?? new ExportSampling(), request.Outputs ?? new ExportOutputs(), request.Filter, request.LabelsFrom);
        var id = Guid.NewGuid();
        var created = await api.Grains.GetGrain<IExportSpecificationGrain>(id).CreateAsync(api.Caller.TeamId, api.Caller.UserId, spec);
        return TypedResults.Created($"/api/v1/exports/specifications/{id}", created);
    }

    public static async Task<Ok<ExportSpecificationView>> GetSpecification(Guid id, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.ExportSpecificationAsync(id));

    public static async Task<Created<ExportRunView>> StartRun(Guid id, [AsParameters] ApiServices api)
    {
        var spec = await api.ExportSpecificationAsync(id);
        var runId = Guid.NewGuid();
        var run = await api.Grains.GetGrain<IExportRunGrain>(runId).StartAsync(
            new ExportRunRequest(api.Caller.TeamId, api.Caller.UserId, spec.Id, spec.Spec, ExportTrigger.Manual));
        return TypedResults.Created($"/api/v1/exports/runs/{runId}", run);
    }

    /// <summary>The team's runs, newest first; <c>specificationId</c> narrows them to one specification.</summary>
    public static async Task<Ok<List<ExportRunView>>> ListRuns(Guid? specificationId, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.ExportRunsAsync(specificationId));

    public static async Task<Ok<ExportRunView>> GetRun(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.ExportRunAsync(id));

    public static async Task<Ok<ExportRunView>> CancelRun(Guid id, [AsParameters] ApiServices api)
    {
        await api.ExportRunAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IExportRunGrain>(id).CancelAsync());
    }

    public static async Task<Ok<ExportRunView>> RetryRun(Guid id, [AsParameters] ApiServices api)
    {
        await api.ExportRunAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IExportRunGrain>(id).RetryAsync());
    }

    /// <summary>The run's zip with HTTP range support; 409 with the reason while there is none (still running, failed, or deleted by retention).</summary>
    public static async Task Download(Guid id, [AsParameters] ApiServices api, HttpContext http)
    {
        var run = await api.ExportRunAsync(id);
        if (run.Package is not { } package)
            throw new IllegalTransitionException($"The export run has no zip: it is {run.Status.ToString().ToLowerInvariant()}.");
        if (!package.Downloadable) throw new IllegalTransitionException(package.Note);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"export-{id:N}.zip\"";
        await BlobResults.Stream(http, api.Blobs, TeamBlobs.ExportZip(run.TeamId, id));
    }
}
