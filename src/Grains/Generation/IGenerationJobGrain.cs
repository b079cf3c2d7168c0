using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

using Orleans;

namespace MedVid.Grains.Generation;

/// <summary>A generation job, keyed by its id.</summary>
public interface IGenerationJobGrain : IGrainWithGuidKey
{
    /// <summary>Creates the job after checking that its training run belongs to the team and has finished, and queues it.</summary>
    Task<GenerationJobView> StartAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec);

    /// <summary>Starts the job as part of export run <paramref name="exportRunId"/>, which its outcome is also reported to.</summary>
    Task<GenerationJobView> StartForExportAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid exportRunId);

    /// <summary>Starts the job to make the videos of evaluation <paramref name="evaluationId"/>, which its outcome is also reported to.</summary>
    Task<GenerationJobView> StartForEvaluationAsync(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid evaluationId);

    Task<GenerationJobView> GetAsync();

    Task<GenerationJobView> CancelAsync();

    Task ReportProgressAsync(double fraction);

    /// <summary>The job's outcome: its videos when it succeeded, else why it did not.</summary>
    Task ReportFinishedAsync(RunStatus outcome, GenerateResult? result, string? error);
}

public sealed record GenerationJobView(
    Guid Id, Guid TeamId, GenerationJobSpec Spec, RunStatus Status, Guid WorkItemId, double Progress, string? ResultJson, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, Guid? ExportRunId = null, Guid? EvaluationId = null);
