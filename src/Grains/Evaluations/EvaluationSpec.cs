using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Evaluations;

/// <summary>
/// What to evaluate: the videos of generation job <paramref name="GenerationJobId"/>, videos made for the evaluation
/// from a checkpoint (<paramref name="Checkpoint"/>), or every video export run <paramref name="ExportRunId"/> generated, against version <paramref name="DatasetVersion"/> of dataset
/// <paramref name="DatasetId"/>. Its <paramref name="ReferenceSplit"/> clips ("test", the held-out split, by default;
/// "train" or "all" when a version has none) are the real videos the generated ones are compared with; memorisation is
/// always checked against its training clips, and its training clips' <paramref name="LabelKey"/> labels (default: their
/// modality) train the encoder of the learned Fréchet distance (docs/evaluation.md).
/// </summary>
public sealed record EvaluationSpec(
    Guid? GenerationJobId, Guid DatasetId, int DatasetVersion, string ReferenceSplit = "test", CheckpointSample? Checkpoint = null, string? LabelKey = null,
    Guid? ExportRunId = null)
{
    /// <summary>The label the learned encoder separates: <see cref="LabelKey"/>, or the clips' modality.</summary>
    public string EncoderLabel => string.IsNullOrWhiteSpace(LabelKey) ? "modality" : LabelKey.Trim();

    public static readonly IReadOnlyList<string> ReferenceSplits = ["test", "train", "all"];

    public void Validate()
    {
        if ((GenerationJobId is null ? 0 : 1) + (Checkpoint is null ? 0 : 1) + (ExportRunId is null ? 0 : 1) != 1)
            throw new InvalidGrainArgumentException("Give one of generationJobId (its videos are evaluated), checkpoint (videos are made from it) or exportRunId (an export's videos).");
        if (GenerationJobId == Guid.Empty) throw new InvalidGrainArgumentException("generationJobId must be a generation job's id.");
        if (ExportRunId == Guid.Empty) throw new InvalidGrainArgumentException("exportRunId must be an export run's id.");
        Checkpoint?.Validate("checkpoint");
        if (DatasetId == Guid.Empty) throw new InvalidGrainArgumentException("datasetId is required.");
        if (DatasetVersion < 1) throw new InvalidGrainArgumentException("datasetVersion must be 1 or more.");
        if (!ReferenceSplits.Contains(ReferenceSplit))
            throw new InvalidGrainArgumentException($"Unknown referenceSplit '{ReferenceSplit}'; known: {string.Join(", ", ReferenceSplits)}.");
        if (LabelKey?.Length > 100) throw new InvalidGrainArgumentException("labelKey may have at most 100 characters.");
    }
}
