namespace MedVid.Grains.Exports;

/// <summary>
/// The model an export samples from: a training run and one of its kept checkpoints, or, with no
/// <paramref name="CheckpointStep"/>, the newest checkpoint the run has when each export run starts (what a standing
/// schedule on a run that keeps training wants).
/// </summary>
public sealed record ExportSource(Guid TrainingRunId, long? CheckpointStep = null)
{
    public bool FollowsNewestCheckpoint => CheckpointStep is null;

    public IEnumerable<string> Problems()
    {
        if (TrainingRunId == Guid.Empty) yield return "source.trainingRunId is required.";
        if (CheckpointStep is < 0) yield return "source.checkpointStep must be 0 or more (or left out for the newest checkpoint).";
    }
}
