using MedVid.Contracts.Training;
using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Generation;

/// <summary>
/// What a user asks to generate from a trained model: one video per (prompt, repetition), each with its own seed.
/// <paramref name="CheckpointStep"/> picks a kept checkpoint (default: the latest); <paramref name="Eta"/> and
/// <paramref name="Spacing"/> are DDIM's (eta 0 is deterministic; "leading" or "trailing" timestep spacing).
/// </summary>
public sealed record GenerationJobSpec(
    Guid TrainingRunId, IReadOnlyList<string> Prompts, int CountPerPrompt, IReadOnlyList<long>? Seeds, string Sampler, int Steps,
    double Guidance, int Frames, int Width, int Height, int Gpus, long? CheckpointStep = null, double Eta = 0, string Spacing = SamplingVocabulary.Leading,
    int GpuMemoryGb = 0)
{
    public int VideoCount => Prompts.Count * CountPerPrompt;

    /// <summary>The spec with one seed per video: the given ones, else fresh random ones, so every video can be reproduced.</summary>
    public GenerationJobSpec WithSeeds(Random random) =>
        Seeds is { Count: > 0 } ? this : this with { Seeds = [.. Enumerable.Range(0, VideoCount).Select(_ => random.NextInt64(0, int.MaxValue))] };

    public void Validate()
    {
        if (TrainingRunId == Guid.Empty) throw new InvalidGrainArgumentException("trainingRunId is required.");
        if (Prompts is null || Prompts.Count is 0 or > 256) throw new InvalidGrainArgumentException("Give 1 to 256 prompts.");
        if (Prompts.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 2000)) throw new InvalidGrainArgumentException("Each prompt must have 1 to 2000 characters.");
        if (CountPerPrompt is < 1 or > 64) throw new InvalidGrainArgumentException("countPerPrompt must be between 1 and 64.");
        if (Seeds is not null && Seeds.Count != 0 && Seeds.Count != Prompts.Count * CountPerPrompt)
            throw new InvalidGrainArgumentException($"Give no seeds or exactly {Prompts.Count * CountPerPrompt} (one per video).");
        if (!SamplingVocabulary.Samplers.Contains(Sampler)) throw new InvalidGrainArgumentException($"Unknown sampler '{Sampler}'; known: {string.Join(", ", SamplingVocabulary.Samplers)}.");
        if (Steps is < 1 or > 1000) throw new InvalidGrainArgumentException("steps must be between 1 and 1000.");
        if (!double.IsFinite(Guidance) || Guidance is < 0 or > 50) throw new InvalidGrainArgumentException("guidance must be between 0 and 50.");
        if (Frames is < 1 or > 512) throw new InvalidGrainArgumentException("frames must be between 1 and 512.");
        if (Width is < 16 or > 2048 || Width % 16 != 0 || Height is < 16 or > 2048 || Height % 16 != 0)
            throw new InvalidGrainArgumentException("width and height must be multiples of 16 between 16 and 2048.");
        if (Gpus is < 0 or > 64) throw new InvalidGrainArgumentException("gpus must be between 0 and 64.");
        if (GpuMemoryGb is < 0 or > 1024) throw new InvalidGrainArgumentException("gpuMemoryGb must be between 0 and 1024.");
        if (GpuMemoryGb > 0 && Gpus == 0) throw new InvalidGrainArgumentException("gpuMemoryGb needs gpus of 1 or more.");
        if (!double.IsFinite(Eta) || Eta is < 0 or > 1) throw new InvalidGrainArgumentException("eta must be between 0 and 1.");
        if (!SamplingVocabulary.Spacings.Contains(Spacing)) throw new InvalidGrainArgumentException($"Unknown spacing '{Spacing}'; known: {string.Join(", ", SamplingVocabulary.Spacings)}.");
        if (Seeds is not null && Seeds.Any(s => s < 0)) throw new InvalidGrainArgumentException("Seeds must be 0 or more.");
    }
}
