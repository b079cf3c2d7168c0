using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Evaluations;

/// <summary>An evaluation of generated videos: its lifecycle and, once done, its summary.</summary>
public sealed class EvaluationState : IIndexedState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public EvaluationSpec? Spec { get; set; }
    public Guid TrainingRunId { get; set; }
    public long CheckpointStep { get; set; }
    public RunStatus Status { get; set; }
    public Guid WorkItemId { get; set; }
    public double Progress { get; set; }
    public EvaluateResult? Result { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public void Create(Guid teamId, Guid createdBy, EvaluationSpec spec, Guid trainingRunId, long checkpointStep, Guid workItemId, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The evaluation already exists.");
        spec.Validate();
        (TeamId, CreatedBy, Spec, TrainingRunId, CheckpointStep, WorkItemId, CreatedAt, Status, Created) =
            (teamId, createdBy, spec, trainingRunId, checkpointStep, workItemId, now, RunStatus.Queued, true);
    }

    public void ReportProgress(double fraction)
    {
        Move(RunStatus.Running);
        Progress = Math.Clamp(fraction, 0, 1);
    }

    public void Finish(RunStatus outcome, EvaluateResult? result, string? error, DateTimeOffset now)
    {
        Move(outcome);
        (Result, Error, FinishedAt) = (result, error, now);
        if (outcome == RunStatus.Succeeded) Progress = 1;
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The evaluation does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() =>
        Created ? [new GrainIndexEntry("team", TeamId.ToString()), new GrainIndexEntry("training-run", TrainingRunId.ToString())] : [];

    private void Move(RunStatus to)
    {
        RequireCreated();
        RunStatusTransitions.Require("evaluation", Status, to);
        Status = to;
    }
}
