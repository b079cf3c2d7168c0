using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Evaluations;

/// <summary>
/// Videos an evaluation makes itself from a checkpoint of run <paramref name="TrainingRunId"/> (<paramref name="CheckpointStep"/>,
/// or the latest): <paramref name="CountPerPrompt"/> per prompt with the fixed seeds <c>Seed</c>, <c>Seed + 1</c>, … so that
/// every checkpoint of a run is judged on the same noise. Frames and size are the run's own (what it trained at).
/// </summary>
public sealed record CheckpointSample(
    Guid TrainingRunId, long? CheckpointStep, IReadOnlyList<string> Prompts, int CountPerPrompt = 4, int Steps = 50, double Guidance = 4, long Seed = 0)
{
    public IReadOnlyList<long> Seeds => [.. Enumerable.Range(0, Prompts.Count * CountPerPrompt).Select(i => Seed + i)];

    public void Validate(string field)
    {
        if (TrainingRunId == Guid.Empty) throw new InvalidGrainArgumentException($"{field}.trainingRunId is required.");
        if (Prompts is null || Prompts.Count is 0 or > 64 || Prompts.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 2000))
            throw new InvalidGrainArgumentException($"{field}.prompts: give 1 to 64 prompts of 1 to 2000 characters.");
        if (CountPerPrompt is < 1 or > 64) throw new InvalidGrainArgumentException($"{field}.countPerPrompt must be between 1 and 64.");
        if (Steps is < 1 or > 1000) throw new InvalidGrainArgumentException($"{field}.steps must be between 1 and 1000.");
        if (!double.IsFinite(Guidance) || Guidance is < 0 or > 50) throw new InvalidGrainArgumentException($"{field}.guidance must be between 0 and 50.");
        if (Seed is < 0 or > int.MaxValue) throw new InvalidGrainArgumentException($"{field}.seed must be between 0 and {int.MaxValue}.");
    }
}
