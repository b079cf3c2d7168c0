using System.Globalization;
using MedVid.Rating.Export;

namespace MedVid.Grains.Evaluations;

/// <summary>
/// Evaluations as one CSV table (RFC 4180, formula-safe), a row per evaluation: what was evaluated against what, the
/// Fréchet distance and near-copies, and every metric's mean over the generated and over the real videos
/// (`{metric}_generated`, `{metric}_real`; the metric columns are the union over the rows, in first-seen order), then
/// the phantom adherence summary (`phantom_{key}`) where any evaluation has one.
/// Unfinished evaluations have empty figures.
/// </summary>
public static class EvaluationCsv
{
    public static readonly IReadOnlyList<string> FixedColumns =
    [
        "evaluation_id", "training_run_id", "checkpoint_step", "generation_job_id", "status", "created_at", "dataset_id", "dataset_version",
        "reference_split", "generated_count", "reference_count", "training_count", "frechet_distance", "frechet_encoder",
        "learned_frechet_distance", "learned_encoder", "i3d_frechet_distance", "i3d_encoder", "near_copies",
    ];

    public static string Write(IReadOnlyList<EvaluationView> evaluations)
    {
        var metrics = evaluations.SelectMany(e => e.Result?.GeneratedMeans.Keys ?? []).Distinct().ToList();
        var phantoms = evaluations.SelectMany(e => e.Result?.PhantomAdherence?.Keys ?? []).Distinct().ToList();
        var header = FixedColumns.Concat(metrics.SelectMany(m => new[] { $"{m}_generated", $"{m}_real" })).Concat(phantoms.Select(p => $"phantom_{p}")).ToList();
        return CsvWriter.Write(header, evaluations.Select(e => Row(e, metrics, phantoms)));
    }

    private static IReadOnlyList<string?> Row(EvaluationView e, IReadOnlyList<string> metrics, IReadOnlyList<string> phantoms)
    {
        var r = e.Result;
        List<string?> row =
        [
            e.Id.ToString(), e.TrainingRunId.ToString(), Number(e.CheckpointStep), e.GenerationJobId == Guid.Empty ? null : e.GenerationJobId.ToString(),
            e.Status.ToString(), e.CreatedAt.ToString("O", CultureInfo.InvariantCulture), e.Spec.DatasetId.ToString(), Number(e.Spec.DatasetVersion),
            e.Spec.ReferenceSplit, Number(r?.GeneratedCount), Number(r?.ReferenceCount), Number(r?.TrainingCount), Number(r?.FrechetDistance),
            r?.FrechetEncoder, Number(r?.LearnedFrechetDistance), r?.LearnedEncoder, Number(r?.I3dFrechetDistance), r?.I3dEncoder, Number(r?.NearCopies),
        ];
        foreach (var metric in metrics)
        {
            row.Add(Number(Mean(r?.GeneratedMeans, metric)));
            row.Add(Number(Mean(r?.ReferenceMeans, metric)));
        }
        row.AddRange(phantoms.Select(p => Number(Mean(r?.PhantomAdherence, p))));
        return row;
    }

    private static double? Mean(IReadOnlyDictionary<string, double>? means, string metric) => means?.TryGetValue(metric, out var v) == true ? v : null;

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
