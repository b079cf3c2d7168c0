using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Training;

/// <summary>A training run, keyed by its id.</summary>
public interface ITrainingRunGrain : IGrainWithGuidKey
{
    /// <summary>Creates the run after checking its dataset version exists, and queues it on the GPUs.</summary>
    Task<TrainingRunView> StartAsync(Guid teamId, Guid createdBy, TrainingRunSpec spec);

    Task<TrainingRunView> GetAsync();

    /// <summary>Cancels a queued or running run; refused once it finished.</summary>
    Task<TrainingRunView> CancelAsync();

    /// <summary>Called with the progress of the run's work item.</summary>
    Task ReportProgressAsync(long step, IReadOnlyDictionary<string, double>? metrics);

    /// <summary>Called when the run's work item reached a terminal state.</summary>
    Task ReportFinishedAsync(RunStatus outcome, string? error);
}

public sealed record TrainingRunView(
    Guid Id, Guid TeamId, TrainingRunSpec Spec, RunStatus Status, Guid WorkItemId, long Step, IReadOnlyDictionary<string, double> Metrics,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
