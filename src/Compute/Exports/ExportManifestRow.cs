namespace MedVid.Compute.Exports;

/// <summary>
/// One video of an export as the manifest lists it: its file in the zip, label, prompt, seed, the checkpoint's SHA-256,
/// the sampler settings, size and frames, the file's own SHA-256, when it was generated, and the rating outcome where an
/// acceptance filter applied (empty otherwise).
/// </summary>
public sealed record ExportManifestRow(
    string File, string Label, string Prompt, long Seed, long CheckpointStep, string CheckpointSha256, string Sampler, int Steps, double Guidance,
    double Eta, string Spacing, int Width, int Height, int Frames, long Bytes, string Sha256, DateTimeOffset CreatedAt, string RatingOutcome);
