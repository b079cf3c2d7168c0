using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Storage;
using MedVid.Video;

namespace MedVid.Compute.Ingest;

/// <summary>
/// Ingests an uploaded video: probe it, make a browser-playable H.264 proxy and a poster frame, store both.
/// Output paths are fixed by the payload, so running it twice writes the same blobs (idempotent).
/// </summary>
public sealed class IngestVideoHandler(IBlobStore blobs) : WorkHandler<IngestVideoPayload, IngestVideoResult>
{
    public override string Kind => WorkKinds.IngestVideo;

    protected override async Task<IngestVideoResult> ExecuteAsync(IngestVideoPayload payload, WorkContext context, CancellationToken ct)
    {
        var original = Path.Combine(context.ScratchDirectory, "original");
        await using (var source = await blobs.OpenReadAsync(payload.OriginalBlob, null, ct))
        await using (var file = File.Create(original))
            await source.CopyToAsync(file, ct);
        context.Progress.Report(new WorkProgress(0.05, "downloaded"));

        var info = await VideoProbe.ProbeAsync(original, ct);
        var proxy = Path.Combine(context.ScratchDirectory, "proxy.mp4");
        var encoding = new Progress<double>(f => context.Progress.Report(new WorkProgress(0.05 + 0.85 * f, "encoding proxy")));
        await VideoTranscoder.MakeProxyAsync(original, proxy, encoding, ct);
        var poster = Path.Combine(context.ScratchDirectory, "poster.jpg");
        await VideoTranscoder.MakePosterAsync(original, poster, ct);

        await Upload(proxy, payload.ProxyBlob, "video/mp4", ct);
        await Upload(poster, payload.PosterBlob, "image/jpeg", ct);
        context.Progress.Report(new WorkProgress(1, "stored"));
        return new IngestVideoResult(payload.ProxyBlob, payload.PosterBlob, info.Duration.TotalSeconds, info.Fps,
            info.DisplayWidth, info.DisplayHeight, info.Codec, info.FrameCount);
    }

    private async Task Upload(string file, string blobPath, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        await blobs.PutAsync(blobPath, stream, contentType, ct);
    }
}
