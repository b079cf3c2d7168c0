using MedVid.Contracts;
using MedVid.Curation.Manifest;
using MedVid.Curation.Clips;

namespace MedVid.Compute.Exports;

/// <summary>
/// Turns an export's videos into training clips of a synthetic dataset version. Generated clips are always in the train
/// split: a downstream model must be scored on held-out real clips only. Each clip's modality is the one most real clips
/// of its label carry in the base version (the label's own name when the label key is the modality), else "synthetic".
/// </summary>
public static class SyntheticClips
{
    public const string UnknownModality = "synthetic";

    /// <summary>One exported video: its manifest row, its provenance, and the blob it was copied to.</summary>
    public sealed record Video(ExportManifestRow Row, GeneratedVideo Provenance, string ClipBlob);

    public static IReadOnlyList<ManifestClip> Of(Guid exportRunId, string labelKey, IReadOnlyList<ManifestClip> baseClips, IEnumerable<Video> videos)
    {
        var modalities = baseClips
            .Where(c => c.Synthetic is null && c.Labels.ContainsKey(labelKey))
            .GroupBy(c => c.Labels[labelKey], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Modality, StringComparer.Ordinal).OrderByDescending(m => m.Count()).ThenBy(m => m.Key, StringComparer.Ordinal).First().Key,
                StringComparer.Ordinal);
        return [.. videos.Select(v => Clip(exportRunId, labelKey, v, modalities.GetValueOrDefault(v.Row.Label) ?? (labelKey == "modality" ? v.Row.Label : UnknownModality)))];
    }

    private static ManifestClip Clip(Guid exportRunId, string labelKey, Video video, string modality)
    {
        var (row, provenance) = (video.Row, video.Provenance);
        if (provenance.Fps <= 0)
            throw new InvalidDataException($"{video.Row.File}: its provenance has no frame rate (it was generated before frame rates were recorded); generate it again.");
        var source = $"export-run/{exportRunId:N}";
        return new ManifestClip(
            $"{source}/{Path.GetFileNameWithoutExtension(row.File)}",
            video.ClipBlob,
            source,
            0,
            Math.Round(row.Frames / provenance.Fps, 4),
            [row.Prompt],
            new Dictionary<string, string> { [labelKey] = row.Label },
            modality,
            new Dictionary<string, double>(),
            DatasetSplit.Train,
            row.Width,
            row.Height,
            provenance.Fps,
            row.Frames,
            0,
            new SyntheticOrigin(exportRunId, provenance.TrainingRunId, row.CheckpointStep, row.CheckpointSha256, row.Prompt, row.Seed, row.Sampler,
                row.Steps, row.Guidance, row.Sha256));
    }
}
