using MedVid.Contracts;
using Orleans;

namespace MedVid.Grains.Exports;

/// <summary>One run of an export specification, keyed by its id (a schedule derives it from the occurrence).</summary>
public interface IExportRunGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Resolves the checkpoint, draws the seeds and starts the first generation jobs. Idempotent: a run that exists
    /// answers its view, so a schedule that retries an occurrence never starts a second run for it.
    /// </summary>
    Task<ExportRunView> StartAsync(ExportRunRequest request);

    Task<ExportRunView> GetAsync();

    /// <summary>Cancels the run and its running generation jobs or packaging; refused once it finished.</summary>
    Task<ExportRunView> CancelAsync();

    /// <summary>Runs a failed or cancelled run again without regenerating the labels (chunks) that succeeded.</summary>
    Task<ExportRunView> RetryAsync();

    /// <summary>Told by the bus consumers when one of the run's generation jobs finished (the run's reminder also checks).</summary>
    Task ReportGenerationFinishedAsync(Guid generationJobId);

    /// <summary>Told when the run's packaging work item succeeded.</summary>
    Task ReportPackagedAsync(PackageExportResult result);

    /// <summary>Told when the run's packaging work item failed or was cancelled.</summary>
    Task ReportPackagingFailedAsync(string error);
}

public sealed record ExportRunRequest(Guid TeamId, Guid CreatedBy, Guid SpecificationId, ExportSpecification Spec, ExportTrigger Trigger);

/// <summary>
/// One label of a run as users see it: how many of its videos are done and, while it waits, why; the generation jobs
/// of its chunks' current attempts, whose pages show the videos.
/// </summary>
public sealed record ExportLabelView(string Name, string Prompt, ExportLabelStatus Status, int Videos, int VideosDone, int Jobs, string? Error,
    string? WaitReason, IReadOnlyList<Guid> GenerationJobIds);

/// <summary>The run's zip; <paramref name="Note"/> says when retention deletes it, or that it did.</summary>
public sealed record ExportPackageView(long Bytes, string Sha256, int Videos, DateTimeOffset PackagedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? DeletedAt, bool Downloadable, string Note, SyntheticDatasetVersion? DatasetVersion);

public sealed record ExportRunView(
    Guid Id, Guid TeamId, Guid SpecificationId, string Name, ExportTrigger Trigger, ExportRunStatus Status, long CheckpointStep,
    string CheckpointSha256, IReadOnlyList<ExportLabelView> Labels, int Videos, int VideosDone, double Progress, ExportPackageView? Package,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ExportRatingView? Rating);

/// <summary>A filtered run's acceptance rating: its campaign, and how many of its videos are decided and accepted so far.</summary>
public sealed record ExportRatingView(Guid CampaignId, int Videos, int Decided, int Accepted);
