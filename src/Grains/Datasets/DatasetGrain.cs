using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;

using Orleans;

namespace MedVid.Grains.Datasets;

[GrainType(GrainTypeNames.Dataset)]
public sealed class DatasetGrain(TimeProvider clock, IGrainFactory grains) : StatefulGrain<DatasetState>, IDatasetGrain
{
    public async Task<DatasetView> CreateAsync(Guid teamId, string name, string? description, Guid createdBy)
    {
        State.Create(teamId, name, description, createdBy, clock.GetUtcNow());
        await WriteStateAsync();
        return View();
    }

    public Task<DatasetView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<bool> AddLabelAsync(string label)
    {
        if (!State.AddLabel(label)) return false;
        await WriteStateAsync();
        return true;
    }

    public async Task<SourceVideoView> AddVideoAsync(Guid videoId, string fileName, long sizeBytes, string originalBlob, IReadOnlyDictionary<string, string> labels)
    {
        State.RequireCreated();
        if (originalBlob.LastIndexOf('/') <= 0) throw new InvalidGrainArgumentException($"'{originalBlob}' is not a blob path of a video folder.");
        var folder = originalBlob[..originalBlob.LastIndexOf('/')];
        var payload = new IngestVideoPayload(Key, videoId, originalBlob, $"{folder}/proxy.mp4", $"{folder}/poster.jpg");
        // The work item id is derived from the video id, so a retried call enqueues the same item, not a second one.
        var workItemId = DeterministicGuid.From(videoId, WorkKinds.IngestVideo);
        var video = State.AddVideo(videoId, fileName, sizeBytes, originalBlob, labels, workItemId, clock.GetUtcNow());
        await WriteStateAsync();
        await grains.EnqueueAsync(workItemId, State.TeamId, WorkKinds.IngestVideo, payload, new WorkOwner(WorkOwnerKind.DatasetVideo, Key, videoId), gpus: 0);
        return VideoView(video);
    }

    public Task<SourceVideoView> GetVideoAsync(Guid videoId) => Task.FromResult(VideoView(State.RequireVideo(videoId)));

    public async Task<SourceVideoView> RemoveVideoAsync(Guid videoId)
    {
        var video = State.RemoveVideo(videoId);
        await WriteStateAsync();
        return VideoView(video);
    }

    public async Task CompleteIngestAsync(Guid videoId, IngestVideoResult result)
    {
        if (State.CompleteIngest(videoId, result)) await WriteStateAsync();
    }

    public async Task FailIngestAsync(Guid videoId, string error)
    {
        if (State.FailIngest(videoId, error)) await WriteStateAsync();
    }

    public async Task<DatasetVersionView> AddVersionAsync(string manifestBlob, string? statisticsBlob, int clipCount, string origin, string? notes)
    {
        var version = State.AddVersion(manifestBlob, statisticsBlob, clipCount, origin, notes, clock.GetUtcNow());
        await WriteStateAsync();
        return VersionView(version);
    }

    public Task<DatasetVersionView> GetVersionAsync(int number) => Task.FromResult(VersionView(State.RequireVersion(number)));

    public async Task<CurationRunView> StartCurationAsync(Guid curationId, string configJson, string displayConfigJson, string? notes)
    {
        var workItemId = DeterministicGuid.From(curationId, WorkKinds.Curate);
        var run = State.StartCuration(curationId, workItemId, displayConfigJson, notes, clock.GetUtcNow());
        await WriteStateAsync();
        var sources = State.Videos.Where(v => v.Status == SourceVideoStatus.Ready)
            .Select(v => new CurateSource(v.Id, v.OriginalBlob, v.FileName, v.Labels)).ToList();
        var payload = new CuratePayload(Key, curationId, configJson, sources, TeamBlobs.Curation(State.TeamId, Key, curationId));
        await grains.EnqueueAsync(workItemId, State.TeamId, WorkKinds.Curate, payload, new WorkOwner(WorkOwnerKind.Curation, Key, curationId), gpus: 0);
        return CurationView(run);
    }

    public Task<CurationRunView> GetCurationAsync(Guid curationId) => Task.FromResult(CurationView(State.RequireCuration(curationId)));

    public async Task<CurationRunView> CancelCurationAsync(Guid curationId)
    {
        var run = State.RequireCuration(curationId);
        if (!State.FailCuration(curationId, "cancelled by a user", cancelled: true, clock.GetUtcNow()))
            throw new IllegalTransitionException($"The curation run is {run.Status.ToString().ToLowerInvariant()} and cannot be cancelled.");
        await WriteStateAsync();
        await grains.CancelAsync(run.WorkItemId, State.TeamId);
        return CurationView(run);
    }

    public async Task ReportCurationProgressAsync(Guid curationId, double fraction, string? stage)
    {
        if (State.CurationProgressed(curationId, fraction, stage)) await WriteStateAsync();
    }

    public async Task CompleteCurationAsync(Guid curationId, CurateResult result)
    {
        var before = State.RequireCuration(curationId).Status;
        State.CompleteCuration(curationId, result, clock.GetUtcNow());
        if (State.RequireCuration(curationId).Status != before) await WriteStateAsync();
    }

    public async Task FailCurationAsync(Guid curationId, string error, bool cancelled)
    {
        if (State.FailCuration(curationId, error, cancelled, clock.GetUtcNow())) await WriteStateAsync();
    }

    private DatasetView View() => new(Key, State.TeamId, State.Name, State.Description, State.CreatedAt, State.Labels.ToList(),
        State.Videos.Select(VideoView).ToList(), State.Versions.Select(VersionView).ToList(), State.Curations.Select(CurationView).ToList());

    private SourceVideoView VideoView(SourceVideo v) => new(v.Id, Key, v.FileName, v.SizeBytes, v.Status, v.Error, v.OriginalBlob,
        v.ProxyBlob, v.PosterBlob, v.DurationSeconds, v.Fps, v.Width, v.Height, v.Codec, v.FrameCount, v.IngestWorkItemId, v.AddedAt, v.Labels);

    private CurationRunView CurationView(CurationRunInfo c) => new(c.Id, Key, c.WorkItemId, c.Status, c.Progress, c.Stage, c.SourceCount, c.Version,
        c.StatisticsBlob, c.Error, c.Notes, c.ConfigJson, c.StartedAt, c.FinishedAt);

    private static DatasetVersionView VersionView(DatasetVersionInfo v) =>
        new(v.Number, v.ManifestBlob, v.StatisticsBlob, v.ClipCount, v.Origin, v.Notes, v.CreatedAt);
}
