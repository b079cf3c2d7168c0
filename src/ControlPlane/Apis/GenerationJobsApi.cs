using MedVid.ControlPlane.Identity;
using MedVid.Grains.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MedVid.Contracts.Training;
using MedVid.ControlPlane.Application;

namespace MedVid.ControlPlane.Apis;

public sealed record StartGenerationJobRequest(
    Guid TrainingRunId, List<string> Prompts, int CountPerPrompt, List<long>? Seeds, string Sampler, int Steps, double Guidance,
    int Frames, int Width, int Height, int Gpus, long? CheckpointStep = null, double Eta = 0, string? Spacing = null, int GpuMemoryGb = 0);

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
        var spec = new GenerationJobSpec(request.TrainingRunId, request.Prompts ?? [], request.CountPerPrompt, request.Seeds, request.Sampler ?? "",
            request.Steps, request.Guidance, request.Frames, request.Width, request.Height, request.Gpus, request.CheckpointStep, request.Eta,
            request.Spacing ?? SamplingVocabulary.Leading, request.GpuMemoryGb);
        var id = Guid.NewGuid();
        var job = await api.Grains.GetGrain<IGenerationJobGrain>(id).StartAsync(api.Caller.TeamId, api.Caller.UserId, spec);
        return TypedResults.Created($"/api/v1/generation-jobs/{id}", job);
    }

    public static async Task<Ok<GenerationJobView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.GenerationJobAsync(id));

    public static async Task<Ok<GenerationJobView>> Cancel(Guid id, [AsParameters] ApiServices api)
    {
        await api.GenerationJobAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IGenerationJobGrain>(id).CancelAsync());
    }
}
