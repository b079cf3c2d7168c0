using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Exports;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Apis;

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
        var created = await api.CreateExportSpecificationAsync(request, ct);
        return TypedResults.Created($"/api/v1/exports/specifications/{created.Id}", created);
    }

    public static async Task<Ok<ExportSpecificationView>> GetSpecification(Guid id, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.ExportSpecificationAsync(id));

    public static async Task<Created<ExportRunView>> StartRun(Guid id, [AsParameters] ApiServices api)
    {
        var run = await api.StartExportRunAsync(id);
        return TypedResults.Created($"/api/v1/exports/runs/{run.Id}", run);
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
