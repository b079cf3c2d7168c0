using MedVid.ControlPlane.Identity;
using MedVid.Grains.Datasets;

namespace MedVid.ControlPlane.Apis;

public sealed record AddLabelRequest(string Name);

public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").RequireAuthorization(Policies.Researcher);
        datasets.MapGet("/", List);
        datasets.MapPost("/", Create);
        datasets.MapGet("/{id:guid}", Get);
        datasets.MapPost("/{id:guid}/labels", AddLabel);
        datasets.MapVideosApi();
        datasets.MapCurationsApi();
        return api;
    }

    public static async Task<Ok<List<DatasetSummary>>> List([AsParameters] ApiServices api) =>
        TypedResults.Ok((await api.DatasetsAsync()).Select(DatasetSummary.Of).ToList());

    public static async Task<Created<DatasetView>> Create(CreateDatasetRequest request, [AsParameters] ApiServices api)
    {
        var dataset = await api.CreateDatasetAsync(request);
        return TypedResults.Created($"/api/v1/datasets/{dataset.Id}", dataset);
    }

    public static async Task<Ok<DatasetView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.DatasetAsync(id));

    public static async Task<Results<Created<IReadOnlyList<string>>, Ok<IReadOnlyList<string>>>> AddLabel(Guid id, AddLabelRequest request, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        var added = await api.Grains.GetGrain<IDatasetGrain>(id).AddLabelAsync(request.Name);
        var labels = (await api.Grains.GetGrain<IDatasetGrain>(id).GetAsync()).Labels;
        return added ? TypedResults.Created($"/api/v1/datasets/{id}", labels) : TypedResults.Ok(labels);
    }
}
