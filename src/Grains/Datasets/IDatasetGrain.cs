using MedVid.Contracts;
using MedVid.Grains.Abstractions;

using Orleans;

namespace MedVid.Grains.Datasets;

/// <summary>A dataset, keyed by its id.</summary>
public interface IDatasetGrain : IGrainWithGuidKey
{
    Task<DatasetView> CreateAsync(Guid teamId, string name, string? description, Guid createdBy);

    Task<DatasetView> GetAsync();

    /// <summary>Adds a label to the vocabulary; true when it was new.</summary>
    Task<bool> AddLabelAsync(string label);

    /// <summary>Registers an uploaded original and queues its ingest (proxy + poster) on the compute hosts.</summary>
    Task<SourceVideoView> AddVideoAsync(Guid videoId, string fileName, long sizeBytes, string originalBlob, IReadOnlyDictionary<string, string> labels);

    Task<SourceVideoView> GetVideoAsync(Guid videoId);

    /// <summary>Removes a video that no version cites; returns it so the caller can delete its blobs.</summary>
    Task<SourceVideoView> RemoveVideoAsync(Guid videoId);

    /// <summary>Called when the ingest work item finished; idempotent.</summary>
    Task CompleteIngestAsync(Guid videoId, IngestVideoResult result);

    /// <summary>Called when the ingest work item failed; idempotent.</summary>
    Task FailIngestAsync(Guid videoId, string error);

    /// <summary>Records a new immutable version whose manifest is already in blob storage.</summary>
    Task<DatasetVersionView> AddVersionAsync(string manifestBlob, string? statisticsBlob, int clipCount, string origin, string? notes);

    /// <summary>The version with this number; throws when it does not exist.</summary>
    Task<DatasetVersionView> GetVersionAsync(int number);

    /// <summary>
    /// Queues a curation run over the dataset's ingested videos. <paramref name="configJson"/> goes to the compute host;
    /// <paramref name="displayConfigJson"/> (secrets removed) is what the run shows.
    /// </summary>
    Task<CurationRunView> StartCurationAsync(Guid curationId, string configJson, string displayConfigJson, string? notes);

    Task<CurationRunView> GetCurationAsync(Guid curationId);

    /// <summary>Cancels a queued or running curation; refused once it finished.</summary>
    Task<CurationRunView> CancelCurationAsync(Guid curationId);

    /// <summary>Called with the progress of the curation's work item.</summary>
    Task ReportCurationProgressAsync(Guid curationId, double fraction, string? stage);

    /// <summary>Called when the curation's work item succeeded: records the new version. Idempotent.</summary>
    Task CompleteCurationAsync(Guid curationId, CurateResult result);

    /// <summary>Called when the curation's work item failed or was cancelled. Idempotent.</summary>
    Task FailCurationAsync(Guid curationId, string error, bool cancelled);
}

public sealed record DatasetView(
    Guid Id, Guid TeamId, string Name, string Description, DateTimeOffset CreatedAt, IReadOnlyList<string> Labels,
    IReadOnlyList<SourceVideoView> Videos, IReadOnlyList<DatasetVersionView> Versions, IReadOnlyList<CurationRunView> Curations);

public sealed record SourceVideoView(
    Guid Id, Guid DatasetId, string FileName, long SizeBytes, SourceVideoStatus Status, string? Error,
    string OriginalBlob, string? ProxyBlob, string? PosterBlob, double DurationSeconds, double Fps, int Width, int Height,
    string? Codec, long FrameCount, Guid? IngestWorkItemId, DateTimeOffset AddedAt, IReadOnlyDictionary<string, string> Labels);

public sealed record DatasetVersionView(int Number, string ManifestBlob, string? StatisticsBlob, int ClipCount, string Origin, string? Notes, DateTimeOffset CreatedAt);

public sealed record CurationRunView(
    Guid Id, Guid DatasetId, Guid WorkItemId, Scheduling.RunStatus Status, double Progress, string? Stage, int SourceCount, int? Version,
    string? StatisticsBlob, string? Error, string? Notes, string ConfigJson, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);
