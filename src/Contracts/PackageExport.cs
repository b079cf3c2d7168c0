namespace MedVid.Contracts;

/// <summary>
/// Videos of one export label made by one generation job: the job's video folder (each MP4 with its provenance JSON
/// beside it, as the generate handler writes them) and how many videos it must hold.
/// </summary>
public sealed record PackageExportChunk(string Label, string Prompt, string VideosPrefix, int Count);

/// <summary>
/// Payload of <see cref="WorkKinds.PackageExport"/>: zip every chunk's videos into <paramref name="ZipBlob"/> with
/// manifest.csv, manifest.json and a README. The zip's name is fixed by the run, so a re-run replaces the same blob.
/// </summary>
public sealed record PackageExportPayload(Guid ExportRunId, string ExportName, Guid TrainingRunId, long CheckpointStep, string CheckpointSha256,
    IReadOnlyList<PackageExportChunk> Chunks, string ZipBlob);

/// <summary>Result of <see cref="WorkKinds.PackageExport"/>: the zip and what it holds.</summary>
public sealed record PackageExportResult(string ZipBlob, long Bytes, string Sha256, int Videos, IReadOnlyDictionary<string, int> VideosPerLabel);
