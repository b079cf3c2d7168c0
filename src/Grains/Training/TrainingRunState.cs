using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Training;

/// <summary>A training run: its specification, lifecycle, and latest reported progress.</summary>
public sealed class TrainingRunState : IIndexedState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public TrainingRunSpec? Spec { get; set; }
    public RunStatus Status { get; set; }
    public Guid WorkItemId { get; set; }
    public long Step { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = [];
    public List<MetricPoint> History { get; set; } = [];
    public List<CheckpointRecord> Checkpoints { get; set; } = [];
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public void Create(Guid teamId, Guid createdBy, TrainingRunSpec spec, Guid workItemId, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The training run already exists.");
        spec.Validate();
        (TeamId, CreatedBy, Spec, WorkItemId, CreatedAt, Status, Created) = (teamId, createdBy, spec, workItemId, now, RunStatus.Queued, true);
    }

    public void Progress(long step, IReadOnlyDictionary<string, double>? metrics, DateTimeOffset now)
    {
        Move(RunStatus.Running);
        StartedAt ??= now;
        Step = Math.Max(Step, step);
        if (metrics is null) return;
        Metrics = new Dictionary<string, double>(metrics);
        MetricHistory.Append(History, new MetricPoint(step, now, Metrics));
    }

    public void Finish(RunStatus outcome, string? error, DateTimeOffset now, IReadOnlyList<CheckpointRecord>? checkpoints = null)
    {
        Move(outcome);
        if (checkpoints is not null) Checkpoints = [.. checkpoints.OrderBy(c => c.Step)];
        Error = error;
        FinishedAt = now;
    }

    /// <summary>The checkpoint generation and fine-tuning use: the given step, else the latest; refused before the run succeeded.</summary>
    public CheckpointRecord RequireCheckpoint(long? step)
    {
        RequireCreated();
        if (Status != RunStatus.Succeeded)
            throw new IllegalTransitionException($"The training run is {Status.ToString().ToLowerInvariant()}; a finished run is needed.");
        if (Checkpoints.Count == 0) throw new IllegalTransitionException("The training run stored no checkpoint.");
        if (step is null) return Checkpoints[^1];
        return Checkpoints.FirstOrDefault(c => c.Step == step)
            ?? throw new InvalidGrainArgumentException($"The run has no checkpoint at step {step}; kept: {string.Join(", ", Checkpoints.Select(c => c.Step))}.");
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The training run does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created ? [new GrainIndexEntry("team", TeamId.ToString())] : [];

    private void Move(RunStatus to)
    {
        RequireCreated();
        RunStatusTransitions.Require("training run", Status, to);
        Status = to;
    }
}
