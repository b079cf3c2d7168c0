using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Generation;

/// <summary>A generation job: prompts against a trained model, its lifecycle, and the videos it produced.</summary>
public sealed class GenerationJobState : IIndexedState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public GenerationJobSpec? Spec { get; set; }
    public RunStatus Status { get; set; }
    public Guid WorkItemId { get; set; }
    public double Progress { get; set; }
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The export run this job makes videos for, if any: its outcome is reported there too.</summary>
    public Guid? ExportRunId { get; set; }

    public void Create(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid workItemId, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The generation job already exists.");
        spec.Validate();
        (TeamId, CreatedBy, Spec, WorkItemId, CreatedAt, Status, Created) = (teamId, createdBy, spec, workItemId, now, RunStatus.Queued, true);
    }

    public void ReportProgress(double fraction)
    {
        Move(RunStatus.Running);
        Progress = Math.Clamp(fraction, 0, 1);
    }

    public void Finish(RunStatus outcome, string? resultJson, string? error, DateTimeOffset now)
    {
        Move(outcome);
        (ResultJson, Error, FinishedAt) = (resultJson, error, now);
        if (outcome == RunStatus.Succeeded) Progress = 1;
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The generation job does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created ? [new GrainIndexEntry("team", TeamId.ToString())] : [];

    private void Move(RunStatus to)
    {
        RequireCreated();
        RunStatusTransitions.Require("generation job", Status, to);
        Status = to;
    }
}
