using MedVid.ControlPlane.Identity;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Training;

namespace MedVid.ControlPlane.Apis;

public static class TrainingRunsApi
{
    public static RouteGroupBuilder MapTrainingRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/training-runs").RequireAuthorization(Policies.Researcher);
        runs.MapGet("/", List);
        runs.MapPost("/", Start);
        runs.MapGet("/{id:guid}", Get);
        runs.MapGet("/{id:guid}/metrics", Metrics);
        runs.MapPost("/{id:guid}/cancel", Cancel);
        return api;
    }

    public static async Task<Ok<List<TrainingRunView>>> List([AsParameters] ApiServices api) => TypedResults.Ok(await api.TrainingRunsAsync());

    public static async Task<Created<TrainingRunView>> Start(StartTrainingRunRequest request, [AsParameters] ApiServices api)
    {
        var run = await api.StartTrainingRunAsync(request);
        return TypedResults.Created($"/api/v1/training-runs/{run.Id}", run);
    }

    public static async Task<Ok<TrainingRunView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.TrainingRunAsync(id));

    /// <summary>The run's step, loss, learning-rate, samples/s and ETA curves, for charts.</summary>
    public static async Task<Ok<IReadOnlyList<MetricPoint>>> Metrics(Guid id, [AsParameters] ApiServices api)
    {
        await api.TrainingRunAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<ITrainingRunGrain>(id).GetMetricsAsync());
    }

    public static async Task<Ok<TrainingRunView>> Cancel(Guid id, [AsParameters] ApiServices api)
    {
        await api.TrainingRunAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<ITrainingRunGrain>(id).CancelAsync());
    }
}
