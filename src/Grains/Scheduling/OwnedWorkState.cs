using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Scheduling;

/// <summary>
/// The lifecycle of an entity that owns one work item (a generation job, an evaluation): queued, running with a
/// progress fraction, then one terminal outcome (<see cref="RunStatusTransitions"/>).
/// </summary>
public abstract class OwnedWorkState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public RunStatus Status { get; set; }
    public Guid WorkItemId { get; set; }
    public double Progress { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What the entity is called in messages, e.g. "generation job".</summary>
    protected abstract string What { get; }

    public void ReportProgress(double fraction)
    {
        Move(RunStatus.Running);
        Progress = Math.Clamp(fraction, 0, 1);
    }

    public void Cancel(DateTimeOffset now) => End(RunStatus.Cancelled, "cancelled by a user", now);

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException($"The {What} does not exist.");
    }

    protected void Begin(Guid teamId, Guid createdBy, Guid workItemId, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException($"The {What} already exists.");
        (TeamId, CreatedBy, WorkItemId, CreatedAt, Status, Created) = (teamId, createdBy, workItemId, now, RunStatus.Queued, true);
    }

    protected void End(RunStatus outcome, string? error, DateTimeOffset now)
    {
        Move(outcome);
        (Error, FinishedAt) = (error, now);
        if (outcome == RunStatus.Succeeded) Progress = 1;
    }

    private void Move(RunStatus to)
    {
        RequireCreated();
        RunStatusTransitions.Require(What, Status, to);
        Status = to;
    }
}
