using MedVid.Contracts;
using MedVid.Grains.Scheduling;

using Orleans;

namespace MedVid.Grains.Evaluations;

/// <summary>An evaluation of a generation job's videos against a dataset version, keyed by its id.</summary>
public interface IEvaluationGrain : IGrainWithGuidKey
{
    /// <summary>Checks that the job succeeded and that the job and the dataset are the team's, then queues the work.</summary>
    Task<EvaluationView> StartAsync(Guid teamId, Guid createdBy, EvaluationSpec spec);

    Task<EvaluationView> GetAsync();

    Task<EvaluationView> CancelAsync();

    Task ReportProgressAsync(double fraction);

    Task ReportFinishedAsync(RunStatus outcome, EvaluateResult? result, string? error);
}

/// <summary>
/// An evaluation as users see it: what was evaluated (the job, and the run and checkpoint its videos came from), its
/// status and, once succeeded, the summary (<see cref="EvaluateResult"/>; the per-video report is at its ReportBlob).
/// </summary>
public sealed record EvaluationView(
    Guid Id, Guid TeamId, EvaluationSpec Spec, Guid TrainingRunId, long CheckpointStep, RunStatus Status, Guid WorkItemId, double Progress,
    EvaluateResult? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
