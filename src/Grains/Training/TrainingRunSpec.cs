using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Training;

/// <summary>What a user asks to train. <see cref="Validate"/> refuses values no recipe could use.</summary>
public sealed record TrainingRunSpec(
    Guid DatasetId, int DatasetVersion, string Recipe, string ModelSize, long TotalSteps, int Gpus,
    IReadOnlyDictionary<string, double>? Hyperparameters)
{
    /// <summary>Recipes from the papers (DESIGN.md section 6).</summary>
    public static readonly IReadOnlyList<string> Recipes =
        ["standard", "bora-modal-alignment", "bora-instruction-tuning", "ophora-transfer-pretraining", "ophora-privacy-finetuning", "medgen-lora", "medsora-joint"];

    public static readonly IReadOnlyList<string> ModelSizes = ["tiny", "small", "medsora-s", "xl"];

    public void Validate()
    {
        if (DatasetId == Guid.Empty) throw new InvalidGrainArgumentException("datasetId is required.");
        if (DatasetVersion < 1) throw new InvalidGrainArgumentException("datasetVersion must be 1 or more.");
        if (!Recipes.Contains(Recipe)) throw new InvalidGrainArgumentException($"Unknown recipe '{Recipe}'; known: {string.Join(", ", Recipes)}.");
        if (!ModelSizes.Contains(ModelSize)) throw new InvalidGrainArgumentException($"Unknown model size '{ModelSize}'; known: {string.Join(", ", ModelSizes)}.");
        if (TotalSteps is < 1 or > 100_000_000) throw new InvalidGrainArgumentException("totalSteps must be between 1 and 100000000.");
        if (Gpus is < 0 or > 64) throw new InvalidGrainArgumentException("gpus must be between 0 and 64.");
        foreach (var (name, value) in Hyperparameters ?? new Dictionary<string, double>())
            if (!double.IsFinite(value)) throw new InvalidGrainArgumentException($"Hyperparameter '{name}' must be a finite number.");
    }
}
