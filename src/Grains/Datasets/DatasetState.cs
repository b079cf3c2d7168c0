using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Datasets;

/// <summary>A dataset: source videos as uploaded, the label vocabulary, and the versions curated from them.</summary>
public sealed class DatasetState : IIndexedState
{
    public const int MaxLabels = 10_000;

    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<string> Labels { get; set; } = [];
    public List<SourceVideo> Videos { get; set; } = [];
    public List<DatasetVersionInfo> Versions { get; set; } = [];
    public List<CurationRunInfo> Curations { get; set; } = [];

    public void Create(Guid teamId, string name, string? description, Guid createdBy, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException($"Dataset '{Name}' already exists.");
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw new InvalidGrainArgumentException("A dataset name must have 1 to 200 characters.");
        if (description?.Length > 4000) throw new InvalidGrainArgumentException("A dataset description may have at most 4000 characters.");
        (TeamId, Name, Description, CreatedBy, CreatedAt, Created) = (teamId, name, description ?? "", createdBy, now, true);
    }

    /// <summary>Adds a label to the vocabulary; adding one that is there already changes nothing.</summary>
    public bool AddLabel(string label)
    {
        RequireCreated();
        label = label?.Trim() ?? "";
        if (label.Length is 0 or > 100) throw new InvalidGrainArgumentException("A label must have 1 to 100 characters.");
        if (Labels.Contains(label)) return false;
        if (Labels.Count >= MaxLabels) throw new IllegalTransitionException($"A dataset may have at most {MaxLabels} labels.");
        Labels.Add(label);
        return true;
    }

    public SourceVideo AddVideo(
        Guid videoId, string fileName, long sizeBytes, string originalBlob, IReadOnlyDictionary<string, string> labels, Guid ingestWorkItemId, DateTimeOffset now)
    {
        RequireCreated();
        if (Videos.Any(v => v.Id == videoId)) throw new IllegalTransitionException($"Video {videoId} is already in the dataset.");
        if (labels.Count > 64 || labels.Any(l => l.Key.Length is 0 or > 64 || l.Value.Length > 256))
            throw new InvalidGrainArgumentException("A video may have at most 64 labels, each name 1 to 64 characters and each value at most 256.");
        var video = new SourceVideo
        {
            Id = videoId, FileName = fileName, SizeBytes = sizeBytes, OriginalBlob = originalBlob,
            Status = SourceVideoStatus.Ingesting, IngestWorkItemId = ingestWorkItemId, AddedAt = now,
            Labels = new Dictionary<string, string>(labels),
        };
        Videos.Add(video);
        return video;
    }

    /// <summary>Records a finished ingest. Repeating it (a redelivered message) changes nothing.</summary>
    public bool CompleteIngest(Guid videoId, IngestVideoResult result)
    {
        var video = RequireVideo(videoId);
        if (video.Status == SourceVideoStatus.Ready) return false;
        video.Status = SourceVideoStatus.Ready;
        video.Error = null;
        video.ProxyBlob = result.ProxyBlob;
        video.PosterBlob = result.PosterBlob;
        video.DurationSeconds = result.DurationSeconds;
        video.Fps = result.Fps;
        video.Width = result.Width;
        video.Height = result.Height;
        video.Codec = result.Codec;
        video.FrameCount = result.FrameCount;
        return true;
    }

    public bool FailIngest(Guid videoId, string error)
    {
        var video = RequireVideo(videoId);
        if (video.Status != SourceVideoStatus.Ingesting) return false;
        video.Status = SourceVideoStatus.Failed;
        video.Error = error;
        return true;
    }

    public SourceVideo RemoveVideo(Guid videoId)
    {
        var video = RequireVideo(videoId);
        if (Versions.Count > 0 && video.Status == SourceVideoStatus.Ready)
            throw new IllegalTransitionException("A video that dataset versions may cite cannot be removed.");
        Videos.Remove(video);
        return video;
    }

    /// <summary>
    /// Records a version whose manifest is in blob storage. A manifest is written once per producer (a curation, an export
    /// run), so adding the same manifest again returns the version it already is: a repeated call adds nothing.
    /// </summary>
    public DatasetVersionInfo AddVersion(string manifestBlob, string? statisticsBlob, int clipCount, string origin, string? notes, DateTimeOffset now)
    {
        RequireCreated();
        if (Versions.FirstOrDefault(v => v.ManifestBlob == manifestBlob) is { } existing) return existing;
        if (clipCount <= 0) throw new IllegalTransitionException("A dataset version needs at least one clip.");
        var version = new DatasetVersionInfo
        {
            Number = Versions.Count + 1, ManifestBlob = manifestBlob, StatisticsBlob = statisticsBlob,
            ClipCount = clipCount, Origin = origin, Notes = notes, CreatedAt = now,
        };
        Versions.Add(version);
        return version;
    }

    /// <summary>Starts a curation run over the videos that are ready; refused while another run is active or when none is ready.</summary>
    public CurationRunInfo StartCuration(Guid curationId, Guid workItemId, string displayConfigJson, string? notes, DateTimeOffset now)
    {
        RequireCreated();
        if (Curations.Any(c => c.Id == curationId)) throw new IllegalTransitionException($"Curation {curationId} already exists.");
        if (Curations.Any(c => !c.Status.IsTerminal()))
            throw new IllegalTransitionException("A curation run of this dataset is already queued or running; cancel it or wait for it to finish.");
        var ready = Videos.Count(v => v.Status == SourceVideoStatus.Ready);
        if (ready == 0) throw new IllegalTransitionException($"Dataset '{Name}' has no ingested videos to curate.");
        if (notes?.Length > 2000) throw new InvalidGrainArgumentException("Notes may have at most 2000 characters.");
        var run = new CurationRunInfo
        {
            Id = curationId, WorkItemId = workItemId, Status = RunStatus.Queued, ConfigJson = displayConfigJson, Notes = notes,
            SourceCount = ready, StartedAt = now,
        };
        Curations.Add(run);
        return run;
    }

    public bool CurationProgressed(Guid curationId, double fraction, string? stage)
    {
        var run = RequireCuration(curationId);
        if (run.Status.IsTerminal()) return false;
        RunStatusTransitions.Require("curation run", run.Status, RunStatus.Running);
        (run.Status, run.Progress, run.Stage) = (RunStatus.Running, Math.Clamp(fraction, 0, 1), stage);
        return true;
    }

    /// <summary>Records the version a curation run wrote. Repeating it (a redelivered message) changes nothing.</summary>
    public DatasetVersionInfo? CompleteCuration(Guid curationId, CurateResult result, DateTimeOffset now)
    {
        var run = RequireCuration(curationId);
        if (run.Status.IsTerminal()) return null;
        run.StatisticsBlob = result.StatisticsBlob;
        if (result.ClipCount == 0)
        {
            FinishCuration(run, RunStatus.Failed, CurateResult.NothingKept, now);
            return null;
        }
        var version = AddVersion(result.ManifestBlob, result.StatisticsBlob, result.ClipCount, $"curation {curationId}", run.Notes, now);
        FinishCuration(run, RunStatus.Succeeded, null, now);
        run.Version = version.Number;
        run.Progress = 1;
        return version;
    }

    public bool FailCuration(Guid curationId, string error, bool cancelled, DateTimeOffset now)
    {
        var run = RequireCuration(curationId);
        if (run.Status.IsTerminal()) return false;
        FinishCuration(run, cancelled ? RunStatus.Cancelled : RunStatus.Failed, error, now);
        return true;
    }

    public CurationRunInfo RequireCuration(Guid curationId)
    {
        RequireCreated();
        return Curations.FirstOrDefault(c => c.Id == curationId)
            ?? throw new EntityNotFoundException($"Curation {curationId} does not exist in dataset '{Name}'.");
    }

    private static void FinishCuration(CurationRunInfo run, RunStatus outcome, string? error, DateTimeOffset now)
    {
        RunStatusTransitions.Require("curation run", run.Status, outcome);
        (run.Status, run.Error, run.FinishedAt) = (outcome, error, now);
    }

    public DatasetVersionInfo RequireVersion(int number)
    {
        RequireCreated();
        return Versions.FirstOrDefault(v => v.Number == number)
            ?? throw new EntityNotFoundException($"Dataset '{Name}' has no version {number}.");
    }

    public SourceVideo RequireVideo(Guid videoId)
    {
        RequireCreated();
        return Videos.FirstOrDefault(v => v.Id == videoId)
            ?? throw new EntityNotFoundException($"Video {videoId} is not in dataset '{Name}'.");
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The dataset does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created ? [new GrainIndexEntry("team", TeamId.ToString())] : [];
}
