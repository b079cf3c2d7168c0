namespace MedVid.Contracts;

/// <summary>
/// Payload of <see cref="WorkKinds.Train"/>: the run to execute. Checkpoints go under <paramref name="OutputPrefix"/>;
/// <paramref name="BaseCheckpoint"/> (a fine-tuning recipe's starting point) and <paramref name="VaeCheckpoint"/> are
/// blob prefixes of checkpoints of earlier runs of the same team.
/// </summary>
public sealed record TrainPayload(Guid TrainingRunId, Guid DatasetId, int DatasetVersion, string ManifestBlob, string Recipe, string ModelSize,
    IReadOnlyDictionary<string, double> Hyperparameters, long TotalSteps, string OutputPrefix, string? BaseCheckpoint, string? VaeCheckpoint);

/// <summary>A checkpoint stored in blob storage: its folder, the SHA-256 of its weights, and the sample videos made from it.</summary>
public sealed record CheckpointRecord(long Step, string Prefix, string ModelSha256, IReadOnlyList<string> SampleVideos, DateTimeOffset At);

/// <summary>
/// Published by a host each time a training run stored a checkpoint: the checkpoints it keeps now, so that the run
/// lists them (and they can be generated from, exported or evaluated) while it is still training.
/// </summary>
public sealed record TrainingCheckpointsStored(Guid TrainingRunId, IReadOnlyList<CheckpointRecord> Checkpoints, DateTimeOffset At);

/// <summary>Result of a training work item: every checkpoint kept, the last one being what generation uses by default.</summary>
public sealed record TrainResult(IReadOnlyList<CheckpointRecord> Checkpoints, double FinalLoss);

/// <summary>Payload of <see cref="WorkKinds.Generate"/>: prompts against one checkpoint; videos go under <paramref name="OutputPrefix"/>.</summary>
public sealed record GeneratePayload(Guid GenerationJobId, Guid TrainingRunId, string Checkpoint, IReadOnlyList<string> Prompts, int CountPerPrompt,
    IReadOnlyList<long> Seeds, string Sampler, int Steps, double Guidance, double Eta, string Spacing, int Frames, int Width, int Height,
    string OutputPrefix);

/// <summary>One generated video and everything needed to reproduce it. <paramref name="Fps"/> is the model's frame rate (0 in
/// provenance written before it was recorded).</summary>
public sealed record GeneratedVideo(string Blob, string PosterBlob, string Prompt, long Seed, string Sampler, int Steps, double Guidance, double Eta,
    string Spacing, int Frames, int Width, int Height, Guid TrainingRunId, long CheckpointStep, string CheckpointSha256, double Fps = 0);

public sealed record GenerateResult(IReadOnlyList<GeneratedVideo> Videos);
