using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.Curation.Config;
using MedVid.Grains.Datasets;

namespace MedVid.ControlPlane.Apis;

public static class CurationsApi
{
    public static RouteGroupBuilder MapCurationsApi(this RouteGroupBuilder datasets)
    {
        datasets.MapGet("/curation-presets", Presets);
        datasets.MapPost("/{id:guid}/curations", Start);
        datasets.MapGet("/{id:guid}/curations", List);
        datasets.MapGet("/{id:guid}/curations/{curationId:guid}", Get);
        datasets.MapPost("/{id:guid}/curations/{curationId:guid}/cancel", Cancel);
        datasets.MapGet("/{id:guid}/versions/{number:int}", Version);
        datasets.MapMethods("/{id:guid}/versions/{number:int}/{file:regex(^(manifest|statistics)$)}", ["GET", "HEAD"], VersionFile);
        return datasets;
    }

    /// <summary>The named presets with their full configurations (every threshold and its default).</summary>
    public static Ok<Dictionary<string, JsonElement>> Presets() =>
        TypedResults.Ok(CurationConfig.PresetNames.ToDictionary(n => n, n => JsonSerializer.SerializeToElement(CurationConfig.FromPreset(n), CurationConfig.JsonOptions)));

    public static async Task<Created<CurationRunView>> Start(Guid id, StartCurationRequest request, [AsParameters] ApiServices api)
    {
        var run = await api.StartCurationAsync(id, request);
        return TypedResults.Created($"/api/v1/datasets/{id}/curations/{run.Id}", run);
    }

    public static async Task<Ok<IReadOnlyList<CurationRunView>>> List(Guid id, [AsParameters] ApiServices api) =>
        TypedResults.Ok((await api.DatasetAsync(id)).Curations);

    public static async Task<Ok<CurationRunView>> Get(Guid id, Guid curationId, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IDatasetGrain>(id).GetCurationAsync(curationId));
    }

    public static async Task<Ok<CurationRunView>> Cancel(Guid id, Guid curationId, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IDatasetGrain>(id).CancelCurationAsync(curationId));
    }

    public static async Task<Ok<DatasetVersionView>> Version(Guid id, int number, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.DatasetVersionAsync(id, number));

    /// <summary>The version's manifest (JSON Lines) or statistics (JSON).</summary>
    public static async Task VersionFile(Guid id, int number, string file, HttpContext http, [AsParameters] ApiServices api)
    {
        var version = await api.DatasetVersionAsync(id, number);
        var path = file == "manifest" ? version.ManifestBlob : version.StatisticsBlob
            ?? throw new Grains.Abstractions.EntityNotFoundException($"Version {number} has no statistics.");
        await BlobResults.Stream(http, api.Blobs, path);
    }

}
