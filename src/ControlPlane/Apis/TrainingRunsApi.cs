using MedVid.ControlPlane.Identity;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MedVid.ControlPlane.Application;

namespace MedVid.ControlPlane.Apis;

public sealed record StartTrainingRunRequest(
    Guid DatasetId, int DatasetVersion, string Recipe, string ModelSize, long TotalSteps, int Gpus, Dictionary<string, double>? Hyperparameters,
    Guid? BaseRunId = null, Guid? VaeRunId = null, int GpuMemoryGb = 0, CheckpointEvaluationPlan? Evaluation = null);

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

    /// <summary>Starts a run on a dataset version of the caller's team; a missing version is refused with 404.</summary>
    public static async Task<Created<TrainingRunView>> Start(StartTrainingRunRequest request, [AsParameters] ApiServices api)
    {
        var spec = new TrainingRunSpec(request.DatasetId, request.DatasetVersion, request.Recipe, request.ModelSize, request.TotalSteps,
            request.Gpus, request.Hyperparameters, request.BaseRunId, request.VaeRunId, request.GpuMemoryGb, request.Evaluation);
        var id = Guid.NewGuid();
        var run = await api.Grains.GetGrain<ITrainingRunGrain>(id).StartAsync(api.Caller.TeamId, api.Caller.UserId, spec);
        return TypedResults.Created($"/api/v1/training-runs/{id}", run);
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
