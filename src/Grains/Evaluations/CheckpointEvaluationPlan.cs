using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Evaluations;

/// <summary>
/// A training run's request to evaluate each checkpoint it keeps, as each is stored and, for any missed, once it has
/// succeeded: videos from
/// <paramref name="Prompts"/> with the same seeds at every checkpoint (<see cref="CheckpointSample"/>), measured against
/// the run's own dataset version's <paramref name="ReferenceSplit"/> clips. Set <c>keep_checkpoints</c> to keep (and
/// so evaluate) every checkpoint.
/// </summary>
public sealed record CheckpointEvaluationPlan(
    IReadOnlyList<string> Prompts, int CountPerPrompt = 4, int Steps = 50, double Guidance = 4, long Seed = 0, string ReferenceSplit = "test")
{
    public CheckpointSample SampleOf(Guid trainingRunId, long step) => new(trainingRunId, step, Prompts, CountPerPrompt, Steps, Guidance, Seed);

    public void Validate()
    {
        SampleOf(Guid.NewGuid(), 1).Validate("evaluation");
        if (!EvaluationSpec.ReferenceSplits.Contains(ReferenceSplit))
            throw new InvalidGrainArgumentException($"Unknown evaluation.referenceSplit '{ReferenceSplit}'; known: {string.Join(", ", EvaluationSpec.ReferenceSplits)}.");
    }
}
