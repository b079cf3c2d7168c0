using System.Text;
using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Rating;
using MedVid.Grains.Scheduling;
using MedVid.Rating.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MedVid.ControlPlane.Application;

namespace MedVid.ControlPlane.Apis;

/// <summary>How an evaluation's metrics agree with a campaign's experts over the videos both cover.</summary>
public sealed record EvaluationAgreementView(
    Guid EvaluationId, Guid CampaignId, string Protocol, int EvaluatedVideos, int MatchedVideos, IReadOnlyList<MetricCriterionAgreement> Agreements, string Method);

public sealed record StartEvaluationRequest(
    Guid? GenerationJobId, Guid DatasetId, int DatasetVersion, string? ReferenceSplit = null, CheckpointSample? Checkpoint = null, string? LabelKey = null,
    Guid? ExportRunId = null);

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
        var spec = new EvaluationSpec(request.GenerationJobId, request.DatasetId, request.DatasetVersion, request.ReferenceSplit ?? "test", request.Checkpoint, request.LabelKey,
            request.ExportRunId);
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

    public const string AgreementMethod =
        "Spearman's rho between each metric and the experts' score per video (the mean over its items of each item's mean over raters; gold items left out), over the videos both cover; 95% interval by Fisher's z with the Bonett–Wright standard error (none below four videos); two-sided p from t with n - 2 degrees of freedom. The sign that means agreement depends on the metric's and the criterion's direction.";

    /// <summary>
    /// Rank correlation of every metric of a finished evaluation with every criterion of a rating campaign that rated
    /// the same videos (matched by blob path), so a team can see which automatic number follows its experts.
    /// </summary>
    public static async Task<Ok<EvaluationAgreementView>> Agreement(Guid id, Guid? campaignId, [AsParameters] ApiServices api, CancellationToken ct)
    {
        if (campaignId is not { } campaign) throw new ApiValidationException("campaignId is required: the rating campaign whose experts rated these videos.");
        var evaluation = await api.EvaluationAsync(id);
        var summary = await api.RatingCampaignAsync(campaign);
        if (evaluation.Status != RunStatus.Succeeded || evaluation.Result is null)
            throw new IllegalTransitionException($"The evaluation is {evaluation.Status.ToString().ToLowerInvariant()}; agreement needs a finished evaluation.");
        var scores = await api.Grains.GetGrain<IRatingCampaignGrain>(campaign).GetVideoScoresAsync();
        var metrics = await ReadReportAsync(api, evaluation.Result.ReportBlob, ct);
        var matched = metrics.Select(m => m.Video).Intersect(scores.Select(s => s.Video)).Count();
        if (matched == 0)
            throw new ApiValidationException("No video of this evaluation has been rated in that campaign (videos are matched by their blob path).");
        return TypedResults.Ok(new EvaluationAgreementView(id, campaign, summary.Protocol, metrics.Count, matched, MetricAgreement.Compute(metrics, scores), AgreementMethod));
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    /// <summary>The per-video metrics of the stored report (only the fields agreement needs).</summary>
    private static async Task<List<VideoMetrics>> ReadReportAsync(ApiServices api, string reportBlob, CancellationToken ct)
    {
        await using var stream = await api.Blobs.OpenReadAsync(reportBlob, null, ct);
        var report = await JsonSerializer.DeserializeAsync<StoredReport>(stream, ReportJson, ct)
            ?? throw new InvalidOperationException($"The evaluation report {reportBlob} is empty.");
        return report.Generated.Select(g => new VideoMetrics(g.Id, g.Metrics)).ToList();
    }

    private sealed record StoredReport(List<StoredVideoScores> Generated);

    private sealed record StoredVideoScores(string Id, Dictionary<string, double> Metrics);
}
