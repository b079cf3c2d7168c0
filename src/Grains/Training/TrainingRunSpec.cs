using MedVid.Contracts.Training;
using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Training;

/// <summary>
/// What a user asks to train. <see cref="Validate"/> refuses values no recipe could use. <paramref name="BaseRunId"/> is the
/// finished run a fine-tuning recipe starts from; <paramref name="VaeRunId"/> a finished "vae" run whose autoencoder the
/// diffusion model uses frozen. <paramref name="GpuMemoryGb"/> is the memory each of its GPUs needs (0: any GPU).
/// </summary>
public sealed record TrainingRunSpec(
    Guid DatasetId, int DatasetVersion, string Recipe, string ModelSize, long TotalSteps, int Gpus,
    IReadOnlyDictionary<string, double>? Hyperparameters, Guid? BaseRunId = null, Guid? VaeRunId = null, int GpuMemoryGb = 0,
    Evaluations.CheckpointEvaluationPlan? Evaluation = null)
{
    public void Validate()
    {
        if (DatasetId == Guid.Empty) throw new InvalidGrainArgumentException("datasetId is required.");
        if (DatasetVersion < 1) throw new InvalidGrainArgumentException("datasetVersion must be 1 or more.");
        if (!TrainingVocabulary.Recipes.Contains(Recipe)) throw new InvalidGrainArgumentException($"Unknown recipe '{Recipe}'; known: {string.Join(", ", TrainingVocabulary.Recipes)}.");
        if (!TrainingVocabulary.ModelSizes.Contains(ModelSize)) throw new InvalidGrainArgumentException($"Unknown model size '{ModelSize}'; known: {string.Join(", ", TrainingVocabulary.ModelSizes)}.");
        if (TotalSteps is < 1 or > 100_000_000) throw new InvalidGrainArgumentException("totalSteps must be between 1 and 100000000.");
        if (Gpus is < 0 or > 64) throw new InvalidGrainArgumentException("gpus must be between 0 and 64.");
        if (GpuMemoryGb is < 0 or > 1024) throw new InvalidGrainArgumentException("gpuMemoryGb must be between 0 and 1024.");
        if (GpuMemoryGb > 0 && Gpus == 0) throw new InvalidGrainArgumentException("gpuMemoryGb needs gpus of 1 or more.");
        if (TrainingVocabulary.RequiresBase(Recipe) && BaseRunId is null)
            throw new InvalidGrainArgumentException($"Recipe '{Recipe}' fine-tunes a trained model: give baseRunId.");
        if (Recipe == TrainingVocabulary.Autoencoder && (BaseRunId is not null || VaeRunId is not null))
            throw new InvalidGrainArgumentException("Recipe 'vae' trains an autoencoder from scratch; baseRunId and vaeRunId do not apply.");
        if (Evaluation is not null && Recipe == TrainingVocabulary.Autoencoder) throw new InvalidGrainArgumentException("A 'vae' run makes no videos to evaluate.");
        Evaluation?.Validate();
        var problems = TrainingHyperparameters.Validate(Hyperparameters);
        if (problems.Count > 0) throw new InvalidGrainArgumentException(string.Join(" ", problems));
    }
}
