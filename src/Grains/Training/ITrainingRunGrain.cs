using MedVid.Contracts;
using MedVid.Contracts.Training;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

using Orleans;

namespace MedVid.Grains.Training;

/// <summary>A training run, keyed by its id.</summary>
public interface ITrainingRunGrain : IGrainWithGuidKey
{
    /// <summary>Creates the run after checking its dataset version exists, and queues it on the GPUs.</summary>
    Task<TrainingRunView> StartAsync(Guid teamId, Guid createdBy, TrainingRunSpec spec);

    Task<TrainingRunView> GetAsync();

    /// <summary>Cancels a queued or running run; refused once it finished.</summary>
    Task<TrainingRunView> CancelAsync();

    /// <summary>Called with the progress of the run's work item: the host's metrics, which carry its stage and step.</summary>
    Task ReportProgressAsync(TrainingProgress? progress);

    /// <summary>Called when the run's work item reached a terminal state, with the checkpoints it stored when it succeeded.</summary>
    Task ReportFinishedAsync(RunStatus outcome, string? error, TrainResult? result = null);

    /// <summary>The run's metric curves (thinned, see <see cref="MetricHistory"/>).</summary>
    Task<IReadOnlyList<MetricPoint>> GetMetricsAsync();

    /// <summary>Its host stored a checkpoint while it trains: the checkpoints it keeps now (ignored once the run ended).</summary>
    Task ReportCheckpointsStoredAsync(IReadOnlyList<CheckpointRecord> checkpoints);

    /// <summary>The checkpoint at <paramref name="step"/>, else the latest; a failed or cancelled run, or one without a stored checkpoint, is refused.</summary>
    Task<CheckpointRecord> GetCheckpointAsync(long? step);
}

/// <summary>
/// A run as users see it. <paramref name="Stage"/> is "vae" or "diffusion" (the first stage until a step was reported),
/// <paramref name="Step"/> the step within it out of <paramref name="StageSteps"/>, <paramref name="Stages"/> the step
/// count of each stage, <paramref name="Progress"/> the share of the whole run done (0 to 1), and <paramref name="CreatedBy"/>
/// the user who started it (checkpoint evaluations the run asked for are started in their name).
/// </summary>
public sealed record TrainingRunView(
    Guid Id, Guid TeamId, TrainingRunSpec Spec, RunStatus Status, Guid WorkItemId, string Stage, long Step, long StageSteps, TrainingStages Stages,
    double Progress, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<CheckpointRecord> Checkpoints, string? Error, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, Guid CreatedBy);
