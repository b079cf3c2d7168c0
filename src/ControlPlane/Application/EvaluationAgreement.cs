using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Rating;
using MedVid.Grains.Scheduling;
using MedVid.Rating.Statistics;

namespace MedVid.ControlPlane.Application;

/// <summary>How an evaluation's metrics agree with a campaign's experts over the videos both cover.</summary>
public sealed record EvaluationAgreementView(
    Guid EvaluationId, Guid CampaignId, string Protocol, int EvaluatedVideos, int MatchedVideos, IReadOnlyList<MetricCriterionAgreement> Agreements, string Method);

/// <summary>How an evaluation's automatic metrics agree with a rating campaign's experts (docs/evaluation.md).</summary>
public static class EvaluationAgreement
{
    public const string AgreementMethod =
        "Spearman's rho between each metric and the experts' score per video (the mean over its items of each item's mean over raters; gold items left out), over the videos both cover; 95% interval by Fisher's z with the Bonett–Wright standard error (none below four videos); two-sided p from t with n - 2 degrees of freedom. The sign that means agreement depends on the metric's and the criterion's direction.";

    /// <summary>
    /// Rank correlation of every metric of a finished evaluation with every criterion of a rating campaign that rated
    /// the same videos (matched by blob path), so a team can see which automatic number follows its experts.
    /// </summary>
    public static async Task<EvaluationAgreementView> EvaluationAgreementAsync(this ApiServices api, Guid id, Guid? campaignId, CancellationToken ct)
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
        return new EvaluationAgreementView(id, campaign, summary.Protocol, metrics.Count, matched, MetricAgreement.Compute(metrics, scores), AgreementMethod);
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
