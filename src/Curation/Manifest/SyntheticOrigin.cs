namespace MedVid.Curation.Manifest;

/// <summary>
/// Provenance of a generated clip in a dataset version: the export run that made it, the model (run, checkpoint step and
/// SHA-256) and how it was sampled, so a clip can be regenerated and synthetic clips can be told from real ones.
/// </summary>
public sealed record SyntheticOrigin(
    Guid ExportRunId, Guid TrainingRunId, long CheckpointStep, string CheckpointSha256, string Prompt, long Seed, string Sampler, int Steps,
    double Guidance, string Sha256);
