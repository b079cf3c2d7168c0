using MedVid.Contracts;
using MedVid.Contracts.Training;
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
    /// <summary>The stage of the latest reported step ("vae" or "diffusion"); null until a step was reported.</summary>
    public string? Stage { get; set; }

    /// <summary>The latest reported step within <see cref="Stage"/> (each stage counts from 1).</summary>
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

    /// <summary>
    /// Records a progress report: its stage and step, and its measurements as the run's latest metrics and a point of
    /// its history. A report without training progress (downloading clips) only marks the run running. A repeated or
    /// reordered report does not move the run back, but diffusion step 1 does follow VAE step 300.
    /// </summary>
    public void Progress(TrainingProgress? progress, DateTimeOffset now)
    {
        Move(RunStatus.Running);
        StartedAt ??= now;
        if (progress is null) return;
        if (Stage is null || TrainingStages.IsAfter(progress.Stage, progress.Step, Stage, Step)) (Stage, Step) = (progress.Stage, progress.Step);
        Metrics = new Dictionary<string, double>(progress.ToMetrics());
        MetricHistory.Append(History, new MetricPoint(progress.Step, now, Metrics));
    }

    public void Finish(RunStatus outcome, string? error, DateTimeOffset now, IReadOnlyList<CheckpointRecord>? checkpoints = null)
    {
        Move(outcome);
        if (checkpoints is not null) Checkpoints = [.. checkpoints.OrderBy(c => c.Step)];
        Error = error;
        FinishedAt = now;
    }

    /// <summary>
    /// Checkpoints stored while the run trains (reported by its host after each upload): the ones it lists now, merged
    /// with those an earlier attempt stored, the newest <c>keep_checkpoints</c> kept. Its final result replaces them.
    /// </summary>
    public void CheckpointsStored(IReadOnlyList<CheckpointRecord> stored)
    {
        RequireCreated();
        var keep = TrainingHyperparameters.GetInt(Spec!.Hyperparameters ?? new Dictionary<string, double>(), "keep_checkpoints");
        Checkpoints = [.. Checkpoints.Where(c => stored.All(s => s.Step != c.Step)).Concat(stored).OrderBy(c => c.Step).TakeLast(keep)];
    }

    /// <summary>
    /// The checkpoint generation, fine-tuning, exports and evaluations use: the given step, else the latest. A run that
    /// succeeded, or one still training that has stored one, has them; a failed or cancelled run is refused.
    /// </summary>
    public CheckpointRecord RequireCheckpoint(long? step)
    {
        RequireCreated();
        if (Status is RunStatus.Failed or RunStatus.Cancelled || Status != RunStatus.Succeeded && Checkpoints.Count == 0)
            throw new IllegalTransitionException($"The training run is {Status.ToString().ToLowerInvariant()}; a finished run or a stored checkpoint is needed.");
        if (Checkpoints.Count == 0) throw new IllegalTransitionException("The training run stored no checkpoint.");
        if (step is null) return Checkpoints[^1];
        return Checkpoints.FirstOrDefault(c => c.Step == step)
            ?? throw new InvalidGrainArgumentException($"The run has no checkpoint at step {step}; kept: {string.Join(", ", Checkpoints.Select(c => c.Step))}.");
    }

    /// <summary>The run as users see it: its stage, the step within that stage, and the share of the whole run done.</summary>
    public TrainingRunView ToView(Guid id)
    {
        RequireCreated();
        var stages = Stages();
        // A succeeded run did every step, also when its last progress report lost the race with its success report.
        var (stage, step) = Status == RunStatus.Succeeded
            ? (stages.LastStage, stages.StepsOf(stages.LastStage))
            : (Stage ?? stages.FirstStage, Step);
        return new TrainingRunView(id, TeamId, Spec!, Status, WorkItemId, stage, step, stages.StepsOf(stage), stages, stages.Fraction(stage, step),
            Metrics, Checkpoints, Error, CreatedAt, StartedAt, FinishedAt, CreatedBy);
    }

    private TrainingStages Stages() =>
        TrainingStages.For(Spec!.Recipe, Spec.BaseRunId is not null || Spec.VaeRunId is not null, Spec.Hyperparameters, Spec.TotalSteps);

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
