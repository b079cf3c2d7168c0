using MedVid.ControlPlane.Identity;
using MedVid.Grains.Evaluations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MedVid.ControlPlane.Apis;

public sealed record StartEvaluationRequest(
    Guid? GenerationJobId, Guid DatasetId, int DatasetVersion, string? ReferenceSplit = null, CheckpointSample? Checkpoint = null);

/// <summary>Automatic evaluation of a generation job's videos against a dataset version (docs/evaluation.md).</summary>
public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluationsApi(this RouteGroupBuilder api)
    {
        var evaluations = api.MapGroup("/evaluations").RequireAuthorization(Policies.Researcher);
        evaluations.MapGet("/", List);
        evaluations.MapPost("/", Start);
        evaluations.MapGet("/{id:guid}", Get);
        evaluations.MapPost("/{id:guid}/cancel", Cancel);
        return api;
    }

    /// <summary>
    /// The team's evaluations, newest first; <paramref name="trainingRunId"/> keeps those of one run's videos,
    /// <paramref name="generationJobId"/> those of one job.
    /// </summary>
    public static async Task<Ok<List<EvaluationView>>> List([AsParameters] ApiServices api, Guid? trainingRunId = null, Guid? generationJobId = null)
    {
        var keys = (trainingRunId, generationJobId) switch
        {
            (_, { } job) => await api.Directory.FindAsync<IEvaluationGrain>("generation-job", job.ToString()),
            ({ } run, _) => await api.Directory.FindAsync<IEvaluationGrain>("training-run", run.ToString()),
            _ => await api.Directory.FindAsync<IEvaluationGrain>("team", api.Caller.TeamId.ToString()),
        };
        var evaluations = new List<EvaluationView>();
        foreach (var key in keys)
        {
            var evaluation = await api.Grains.GetGrain<IEvaluationGrain>(key).GetAsync();
            if (evaluation.TeamId == api.Caller.TeamId) evaluations.Add(evaluation);
        }
        return TypedResults.Ok(evaluations.OrderByDescending(e => e.CreatedAt).ToList());
    }

    public static async Task<Created<EvaluationView>> Start(StartEvaluationRequest request, [AsParameters] ApiServices api)
    {
        var spec = new EvaluationSpec(request.GenerationJobId, request.DatasetId, request.DatasetVersion, request.ReferenceSplit ?? "test", request.Checkpoint);
        var id = Guid.NewGuid();
        var evaluation = await api.Grains.GetGrain<IEvaluationGrain>(id).StartAsync(api.Caller.TeamId, api.Caller.UserId, spec);
        return TypedResults.Created($"/api/v1/evaluations/{id}", evaluation);
    }

    public static async Task<Ok<EvaluationView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.EvaluationAsync(id));

    public static async Task<Ok<EvaluationView>> Cancel(Guid id, [AsParameters] ApiServices api)
    {
        await api.EvaluationAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IEvaluationGrain>(id).CancelAsync());
    }
}
