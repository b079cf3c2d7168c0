using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Teams;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Storage;
using MedVid.Video;

namespace MedVid.ControlPlane.Apis;

public static class VideosApi
{
    public static RouteGroupBuilder MapVideosApi(this RouteGroupBuilder datasets)
    {
        datasets.MapPost("/{id:guid}/videos", Upload).DisableAntiforgery();
        datasets.MapGet("/{id:guid}/videos", List);
        datasets.MapGet("/{id:guid}/videos/{videoId:guid}", Get);
        datasets.MapDelete("/{id:guid}/videos/{videoId:guid}", Delete);
        datasets.MapMethods("/{id:guid}/videos/{videoId:guid}/{media:regex(^(original|proxy|poster)$)}", ["GET", "HEAD"], Media);
        return datasets;
    }

    /// <summary>
    /// Uploads a source video (multipart/form-data: one file, and optionally a "labels" field holding a JSON object of
    /// string labels such as {"modality":"ultrasound"}, which curation uses for captions and balancing). It is checked with ffprobe before anything is stored: empty,
    /// non-video and truncated files are refused with 400, files over the limit with 413. Ingest then runs on a host.
    /// </summary>
    public static async Task<Created<SourceVideoView>> Upload(Guid id, HttpRequest request, [AsParameters] ApiServices api)
    {
        var dataset = await api.DatasetAsync(id);
        using var upload = await VideoUploadReader.ReadAsync(request, api.Options.MaxUploadBytes, request.HttpContext.RequestAborted);
        var labels = Labels(upload.Fields);
        try
        {
            await VideoProbe.ProbeAsync(upload.TempPath, request.HttpContext.RequestAborted);
        }
        catch (InvalidVideoException e)
        {
            throw new InvalidUploadException(upload.FileName, e);
        }
        var videoId = Guid.NewGuid();
        var extension = Path.GetExtension(upload.FileName).ToLowerInvariant() is { Length: > 1 and <= 6 } ext && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : "";
        var blob = $"{TeamBlobs.VideoFolder(dataset.TeamId, id, videoId)}/original{extension}";
        await using (var file = File.OpenRead(upload.TempPath))
            await api.Blobs.PutAsync(blob, file, "application/octet-stream", request.HttpContext.RequestAborted);
        try
        {
            var video = await api.Grains.GetGrain<IDatasetGrain>(id).AddVideoAsync(videoId, upload.FileName, upload.Length, blob, labels);
            return TypedResults.Created($"/api/v1/datasets/{id}/videos/{videoId}", video);
        }
        catch
        {
            await api.Blobs.DeleteAsync(blob); // nothing half-written: the blob goes if the grain refused the video
            throw;
        }
    }

    private static Dictionary<string, string> Labels(IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue("labels", out var json) || string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            throw new ApiValidationException("The 'labels' field must be a JSON object of strings, e.g. {\"modality\":\"ultrasound\"}.");
        }
    }

    public static async Task<Ok<IReadOnlyList<SourceVideoView>>> List(Guid id, [AsParameters] ApiServices api) =>
        TypedResults.Ok((await api.DatasetAsync(id)).Videos);

    public static async Task<Ok<SourceVideoView>> Get(Guid id, Guid videoId, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IDatasetGrain>(id).GetVideoAsync(videoId));
    }

    public static async Task<NoContent> Delete(Guid id, Guid videoId, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        var video = await api.Grains.GetGrain<IDatasetGrain>(id).RemoveVideoAsync(videoId);
        foreach (var blob in new[] { video.OriginalBlob, video.ProxyBlob, video.PosterBlob }.OfType<string>())
            await api.Blobs.DeleteAsync(blob);
        return TypedResults.NoContent();
    }

    /// <summary>The original, the browser proxy (MP4, seekable with Range) or the poster (JPEG) of a video.</summary>
    public static async Task Media(Guid id, Guid videoId, string media, HttpContext http, [AsParameters] ApiServices api)
    {
        await api.DatasetAsync(id);
        var video = await api.Grains.GetGrain<IDatasetGrain>(id).GetVideoAsync(videoId);
        var path = media switch { "original" => video.OriginalBlob, "proxy" => video.ProxyBlob, _ => video.PosterBlob }
            ?? throw new EntityNotFoundException($"The {media} of video {videoId} is not available ({video.Status.ToString().ToLowerInvariant()}).");
        await BlobResults.Stream(http, api.Blobs, path);
    }
}
