using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Evaluations;

/// <summary>
/// An evaluation of generated videos: its lifecycle, the generation job whose videos it measures (given, or started by
/// the evaluation from a checkpoint), the run and checkpoint they came from and, once done, its summary.
/// </summary>
public sealed class EvaluationState : OwnedWorkState, IIndexedState
{
    public EvaluationSpec? Spec { get; set; }
    public Guid GenerationJobId { get; set; }
    public Guid TrainingRunId { get; set; }
    public long CheckpointStep { get; set; }

    /// <summary>Whether the evaluate work item is queued (an evaluation that makes its videos first waits for them).</summary>
    public bool WorkQueued { get; set; }

    public EvaluateResult? Result { get; set; }

    protected override string What => "evaluation";

    public void Create(Guid teamId, Guid createdBy, EvaluationSpec spec, Guid generationJobId, Guid trainingRunId, long checkpointStep, Guid workItemId,
        DateTimeOffset now)
    {
        spec.Validate();
        Begin(teamId, createdBy, workItemId, now);
        (Spec, GenerationJobId, TrainingRunId, CheckpointStep) = (spec, generationJobId, trainingRunId, checkpointStep);
    }

    public void Finish(RunStatus outcome, EvaluateResult? result, string? error, DateTimeOffset now)
    {
        End(outcome, error, now);
        Result = result;
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() =>
        Created
            ? [new GrainIndexEntry("team", TeamId.ToString()), new GrainIndexEntry("training-run", TrainingRunId.ToString()),
               new GrainIndexEntry("generation-job", GenerationJobId.ToString()),
               .. Spec?.ExportRunId is { } export ? [new GrainIndexEntry("export-run", export.ToString())] : Array.Empty<GrainIndexEntry>()]
            : [];
}
