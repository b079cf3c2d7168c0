using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Datasets;

public sealed class DatasetGrain(TimeProvider clock, IGrainFactory grains) : Grain<DatasetState>, IDatasetGrain
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

    public async Task<SourceVideoView> AddVideoAsync(Guid videoId, string fileName, long sizeBytes, string originalBlob)
    {
        State.RequireCreated();
        var folder = originalBlob[..originalBlob.LastIndexOf('/')];
        var payload = new IngestVideoPayload(Key, videoId, originalBlob, $"{folder}/proxy.mp4", $"{folder}/poster.jpg");
        // The work item id is derived from the video id, so a retried call enqueues the same item, not a second one.
        var workItemId = DeterministicGuid.From(videoId, WorkKinds.IngestVideo);
        var video = State.AddVideo(videoId, fileName, sizeBytes, originalBlob, workItemId, clock.GetUtcNow());
        await WriteStateAsync();
        await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(new WorkItemRequest(
            workItemId, State.TeamId, WorkKinds.IngestVideo, JsonSerializer.Serialize(payload),
            new WorkOwner(WorkOwnerKind.DatasetVideo, Key, videoId), Priority: 0, Gpus: 0));
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

    private DatasetView View() => new(Key, State.TeamId, State.Name, State.Description, State.CreatedAt, State.Labels.ToList(),
        State.Videos.Select(VideoView).ToList(), State.Versions.Select(VersionView).ToList());

    private SourceVideoView VideoView(SourceVideo v) => new(v.Id, Key, v.FileName, v.SizeBytes, v.Status, v.Error, v.OriginalBlob,
        v.ProxyBlob, v.PosterBlob, v.DurationSeconds, v.Fps, v.Width, v.Height, v.Codec, v.FrameCount, v.IngestWorkItemId, v.AddedAt);

    private static DatasetVersionView VersionView(DatasetVersionInfo v) =>
        new(v.Number, v.ManifestBlob, v.StatisticsBlob, v.ClipCount, v.Origin, v.Notes, v.CreatedAt);
}
