using System.Text.Json;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Scheduling;

namespace MedVid.Portal.Components.Pages.Evaluation;

/// <summary>
/// Chart configurations (js/charts.js) of a run's evaluations over its checkpoints: one line per quantity, x = checkpoint
/// step. With several evaluations of one checkpoint (other prompts, other reference splits) each is a point of its own.
/// </summary>
public static class EvaluationCurves
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Metrics drawn as generated-vs-real pairs: name and label.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> Metrics =
        [("sharpness", "Sharpness"), ("flicker_mad", "Frame change"), ("frame_consistency", "Consistency"), ("mean_motion_px", "Motion px")];

    public static IReadOnlyList<EvaluationView> Finished(IReadOnlyList<EvaluationView> evaluations) =>
        evaluations.Where(e => e.Status == RunStatus.Succeeded && e.Result is not null).OrderBy(e => e.CheckpointStep).ThenBy(e => e.CreatedAt).ToList();

    public static string Frechet(IReadOnlyList<EvaluationView> finished) => Chart(
    [
        new Series("Fréchet distance to real clips", finished.Select(e => Point(e, e.Result!.FrechetDistance)), "#0d6efd"),
        new Series("Fréchet distance, learned encoder", finished.Select(e => Point(e, e.Result!.LearnedFrechetDistance)), "#198754"),
        new Series("Fréchet distance, I3D", finished.Select(e => Point(e, e.Result!.I3dFrechetDistance)), "#6f42c1"),
        new Series("Near-copies", finished.Select(e => Point(e, e.Result!.NearCopies)), "#dc3545"),
    ]);

    public static string Metric(IReadOnlyList<EvaluationView> finished, string metric) => Chart(
    [
        new Series("generated", finished.Select(e => Point(e, Mean(e.Result!.GeneratedMeans, metric))), "#0d6efd"),
        new Series("real clips", finished.Select(e => Point(e, Mean(e.Result!.ReferenceMeans, metric))), "#6c757d", Dashed: true),
    ]);

    private sealed record Series(string Label, IEnumerable<object> Points, string Colour, bool Dashed = false);

    private static object Point(EvaluationView e, double? y) => new { x = e.CheckpointStep, y };

    private static double? Mean(IReadOnlyDictionary<string, double> means, string metric) => means.TryGetValue(metric, out var v) ? v : null;

    private static string Chart(IReadOnlyList<Series> series) => JsonSerializer.Serialize(new
    {
        type = "line",
        data = new
        {
            datasets = series.Select(s => new
            {
                label = s.Label, data = s.Points, borderColor = s.Colour, backgroundColor = s.Colour, borderDash = s.Dashed ? new[] { 6, 4 } : [],
                spanGaps = true,
            }),
        },
        options = new { scales = new { x = new { type = "linear", title = new { display = true, text = "checkpoint step" } } } },
    }, Json);
}
