using MedVid.ControlPlane.Identity;
using MedVid.Grains.Generation;
using MedVid.Contracts.Training;

namespace MedVid.ControlPlane.Apis;

public static class GenerationJobsApi
{
    public static RouteGroupBuilder MapGenerationJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/generation-jobs").RequireAuthorization(Policies.Researcher);
        jobs.MapGet("/", List);
        jobs.MapPost("/", Start);
        jobs.MapGet("/{id:guid}", Get);
        jobs.MapPost("/{id:guid}/cancel", Cancel);
        return api;
    }

    public static async Task<Ok<List<GenerationJobView>>> List([AsParameters] ApiServices api) => TypedResults.Ok(await api.GenerationJobsAsync());

    public static async Task<Created<GenerationJobView>> Start(StartGenerationJobRequest request, [AsParameters] ApiServices api)
    {
        var job = await api.StartGenerationJobAsync(request);
        return TypedResults.Created($"/api/v1/generation-jobs/{job.Id}", job);
    }

    public static async Task<Ok<GenerationJobView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.GenerationJobAsync(id));

    public static async Task<Ok<GenerationJobView>> Cancel(Guid id, [AsParameters] ApiServices api)
    {
        await api.GenerationJobAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IGenerationJobGrain>(id).CancelAsync());
    }
}
