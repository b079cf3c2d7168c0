using System.Text;
using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Rating;
using MedVid.Grains.Scheduling;
using MedVid.Rating.Statistics;

namespace MedVid.ControlPlane.Apis;

/// <summary>Automatic evaluation of a generation job's videos against a dataset version (docs/evaluation.md).</summary>
public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluationsApi(this RouteGroupBuilder api)
    {
        var evaluations = api.MapGroup("/evaluations").RequireAuthorization(Policies.Researcher);
        evaluations.MapGet("/", List);
        evaluations.MapGet("/results.csv", ListCsv);
        evaluations.MapPost("/", Start);
        evaluations.MapGet("/{id:guid}", Get);
        evaluations.MapPost("/{id:guid}/cancel", Cancel);
        evaluations.MapGet("/{id:guid}/agreement", Agreement);
        return api;
    }

    /// <summary>
    /// The team's evaluations, newest first; <paramref name="trainingRunId"/> keeps those of one run's videos,
    /// <paramref name="generationJobId"/> those of one job, <paramref name="exportRunId"/> those of one export run.
    /// </summary>
    public static async Task<Ok<List<EvaluationView>>> List([AsParameters] ApiServices api, Guid? trainingRunId = null, Guid? generationJobId = null,
        Guid? exportRunId = null) =>
        TypedResults.Ok(await api.EvaluationsAsync(trainingRunId, generationJobId, exportRunId));

    /// <summary>The same selection as <see cref="List"/>, one CSV row per evaluation with every metric (<see cref="EvaluationCsv"/>).</summary>
    public static async Task<FileContentHttpResult> ListCsv([AsParameters] ApiServices api, Guid? trainingRunId = null, Guid? generationJobId = null,
        Guid? exportRunId = null)
    {
        var csv = EvaluationCsv.Write(await api.EvaluationsAsync(trainingRunId, generationJobId, exportRunId));
        var name = (exportRunId, trainingRunId, generationJobId) switch
        {
            ({ } export, _, _) => $"evaluations-export-{export}.csv",
            (_, { } run, _) => $"evaluations-run-{run}.csv",
            (_, _, { } job) => $"evaluations-job-{job}.csv",
            _ => "evaluations.csv",
        };
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    public static async Task<Created<EvaluationView>> Start(StartEvaluationRequest request, [AsParameters] ApiServices api)
    {
        var evaluation = await api.StartEvaluationAsync(request);
        return TypedResults.Created($"/api/v1/evaluations/{evaluation.Id}", evaluation);
    }

    public static async Task<Ok<EvaluationView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.EvaluationAsync(id));

    public static async Task<Ok<EvaluationView>> Cancel(Guid id, [AsParameters] ApiServices api)
    {
        await api.EvaluationAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IEvaluationGrain>(id).CancelAsync());
    }

    /// <summary>
    /// Rank correlation of every metric of a finished evaluation with every criterion of a rating campaign that rated
    /// the same videos (matched by blob path), so a team can see which automatic number follows its experts.
    /// </summary>
    public static async Task<Ok<EvaluationAgreementView>> Agreement(Guid id, Guid? campaignId, [AsParameters] ApiServices api, CancellationToken ct) =>
        TypedResults.Ok(await api.EvaluationAgreementAsync(id, campaignId, ct));
}
