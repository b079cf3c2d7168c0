using MedVid.Contracts;
using MedVid.Grains.Scheduling;

using Orleans;

namespace MedVid.Grains.Evaluations;

/// <summary>An evaluation of a generation job's videos against a dataset version, keyed by its id.</summary>
public interface IEvaluationGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Checks that the job (or run) and the dataset version are the team's; queues the work for a succeeded job's videos,
    /// or first starts a generation job that makes the videos from the checkpoint.
    /// </summary>
    Task<EvaluationView> StartAsync(Guid teamId, Guid createdBy, EvaluationSpec spec);

    /// <summary>The generation job making this evaluation's videos ended: evaluate them, or fail with its reason.</summary>
    Task ReportGenerationFinishedAsync(Guid generationJobId);

    Task<EvaluationView> GetAsync();

    Task<EvaluationView> CancelAsync();

    Task ReportProgressAsync(double fraction);

    Task ReportFinishedAsync(RunStatus outcome, EvaluateResult? result, string? error);
}

/// <summary>
/// An evaluation as users see it: what was evaluated (the generation job, and the run and checkpoint its videos came
/// from), its status and, once succeeded, the summary (<see cref="EvaluateResult"/>; the per-video report is at its ReportBlob).
/// </summary>
public sealed record EvaluationView(
    Guid Id, Guid TeamId, EvaluationSpec Spec, Guid GenerationJobId, Guid TrainingRunId, long CheckpointStep, RunStatus Status, Guid WorkItemId, double Progress,
    EvaluateResult? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
