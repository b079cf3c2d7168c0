namespace MedVid.Contracts;

/// <summary>Payload of <see cref="WorkKinds.Train"/>: the run to execute; the host reads its configuration from the payload.</summary>
public sealed record TrainPayload(Guid TrainingRunId, Guid DatasetId, int DatasetVersion, string ManifestBlob, string Recipe, string ModelSize,
    IReadOnlyDictionary<string, double> Hyperparameters, long TotalSteps);

/// <summary>Payload of <see cref="WorkKinds.Generate"/>.</summary>
public sealed record GeneratePayload(Guid GenerationJobId, Guid TrainingRunId, IReadOnlyList<string> Prompts, int CountPerPrompt,
    IReadOnlyList<long> Seeds, string Sampler, int Steps, double Guidance, int Frames, int Width, int Height);
