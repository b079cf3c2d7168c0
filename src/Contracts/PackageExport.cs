namespace MedVid.Contracts;

/// <summary>
/// Videos of one export label made by one generation job: the job's video folder (each MP4 with its provenance JSON
/// beside it, as the generate handler writes them) and how many videos it must hold. With an acceptance filter,
/// <paramref name="Accepted"/> maps the MP4 blobs raters accepted (of the whole run) to their rating outcome; the others
/// are left out.
/// </summary>
public sealed record PackageExportChunk(string Label, string Prompt, string VideosPrefix, int Count, IReadOnlyDictionary<string, string>? Accepted = null);

/// <summary>
/// The synthetic dataset version an export adds: each video is copied under <paramref name="ClipsPrefix"/> and becomes a
/// training clip labelled <paramref name="LabelKey"/> = its export label, marked synthetic with its provenance; the
/// clips of <paramref name="BaseManifestBlob"/> (a real version of the same dataset, when given) come first, so the
/// version is real + synthetic. The manifest goes to <paramref name="ManifestBlob"/>.
/// </summary>
public sealed record SyntheticVersionPlan(Guid DatasetId, string LabelKey, string? BaseManifestBlob, string ClipsPrefix, string ManifestBlob);

/// <summary>
/// Payload of <see cref="WorkKinds.PackageExport"/>: zip every chunk's videos into <paramref name="ZipBlob"/> (none when
/// null) with manifest.csv, manifest.json and a README, and/or write <paramref name="DatasetVersion"/>. Blob names are fixed
/// by the run, so a re-run replaces the same blobs.
/// </summary>
public sealed record PackageExportPayload(Guid ExportRunId, string ExportName, Guid TrainingRunId, long CheckpointStep, string CheckpointSha256,
    IReadOnlyList<PackageExportChunk> Chunks, string? ZipBlob, SyntheticVersionPlan? DatasetVersion = null);

/// <summary>The manifest of a synthetic dataset version: <paramref name="Clips"/> in all, <paramref name="SyntheticClips"/> of them generated.</summary>
public sealed record SyntheticVersionManifest(string ManifestBlob, int Clips, int SyntheticClips);

/// <summary>Result of <see cref="WorkKinds.PackageExport"/>: the zip (null when none was asked for), what it holds, and the synthetic version's manifest.</summary>
public sealed record PackageExportResult(string? ZipBlob, long Bytes, string? Sha256, int Videos, IReadOnlyDictionary<string, int> VideosPerLabel,
    SyntheticVersionManifest? DatasetVersion = null);
