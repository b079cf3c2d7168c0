using System.Security.Cryptography;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Curation.Config;
using MedVid.Curation.Manifest;
using MedVid.Curation.Pipeline;
using MedVid.Curation.Rendering;
using MedVid.Storage;
using MedVid.Curation.Clips;

namespace MedVid.Compute.Curation;

/// <summary>
/// Runs the curation pipeline over a dataset's ingested videos and writes a dataset version to blob storage:
/// the clips, manifest.jsonl (clip blobs as platform blob paths), statistics.json and config.json.
/// Output paths are fixed by the payload, so a re-run writes the same blobs. A run that keeps no clip fails, with its
/// statistics and configuration stored.
/// </summary>
public sealed class CurateDatasetHandler(IBlobStore blobs, CurationHostOptions options) : WorkHandler<CuratePayload, CurateResult>
{
    public override string Kind => WorkKinds.Curate;

    protected override async Task<CurateResult> ExecuteAsync(CuratePayload payload, WorkContext context, CancellationToken ct)
    {
        var config = CurationConfig.FromJson(payload.ConfigJson);
        if (config.Captions.Llm.IsConfigured && options.LlmApiKey is { Length: > 0 } key)
            config = config with { Captions = config.Captions with { Llm = config.Captions.Llm with { ApiKey = key } } };

        var sources = await DownloadAsync(payload, context, ct);
        var folder = Path.Combine(context.ScratchDirectory, "version");
        var progress = new Progress<CurationProgress>(p =>
            context.Progress.Report(new WorkProgress(0.1 + 0.8 * p.Fraction, $"{p.Stage} ({p.SourcesDone}/{p.SourceCount})")));
        var run = await new VideoCurationRunner(config).RunAsync(sources, folder, progress, ct);

        for (var i = 0; i < run.Manifest.Count; i++)
        {
            await UploadFileAsync(Path.Combine(folder, run.Manifest[i].ClipBlob), $"{payload.OutputPrefix}/{run.Manifest[i].ClipBlob}", "video/mp4", ct);
            context.Progress.Report(new WorkProgress(0.9 + 0.09 * (i + 1) / run.Manifest.Count, "storing clips"));
        }
        var manifest = run.Manifest.Select(c => c with { ClipBlob = $"{payload.OutputPrefix}/{c.ClipBlob}" }).ToList();
        using var manifestBytes = new MemoryStream();
        await DatasetManifest.WriteAsync(manifestBytes, manifest, ct);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes.ToArray()));
        manifestBytes.Position = 0;
        var manifestBlob = $"{payload.OutputPrefix}/{DatasetManifest.ManifestFileName}";
        await blobs.PutAsync(manifestBlob, manifestBytes, "application/jsonl", ct);
        var statisticsBlob = $"{payload.OutputPrefix}/{DatasetManifest.StatisticsFileName}";
        await UploadFileAsync(Path.Combine(folder, DatasetManifest.StatisticsFileName), statisticsBlob, "application/json", ct);
        var configBlob = $"{payload.OutputPrefix}/{DatasetManifest.ConfigFileName}";
        await UploadFileAsync(Path.Combine(folder, DatasetManifest.ConfigFileName), configBlob, "application/json", ct);
        var result = new CurateResult(manifestBlob, statisticsBlob, configBlob, manifest.Count, digest, sources.Count);
        // Nothing to train on is a failed run, in the work item too; its statistics say which stage dropped what.
        if (manifest.Count == 0) throw Failed(CurateResult.NothingKept, result);
        context.Progress.Report(new WorkProgress(1, "stored"));
        return result;
    }

    private async Task<List<VideoSourceFile>> DownloadAsync(CuratePayload payload, WorkContext context, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(Path.Combine(context.ScratchDirectory, "sources")).FullName;
        var files = new List<VideoSourceFile>();
        foreach (var source in payload.Sources)
        {
            var path = Path.Combine(folder, source.VideoId.ToString("N") + Path.GetExtension(source.Blob));
            await using (var blob = await blobs.OpenReadAsync(source.Blob, null, ct))
            await using (var file = File.Create(path))
                await blob.CopyToAsync(file, ct);
            var labels = source.Labels;
            files.Add(new VideoSourceFile(path, new CurationSource(source.VideoId.ToString("N"), labels.GetValueOrDefault("modality", "unknown"), 0, 0)
            {
                Title = Path.GetFileNameWithoutExtension(source.FileName),
                Description = labels.GetValueOrDefault("description"),
                Labels = labels,
            }));
            context.Progress.Report(new WorkProgress(0.1 * files.Count / payload.Sources.Count, "downloading sources"));
        }
        return files;
    }

    private async Task UploadFileAsync(string file, string blobPath, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        await blobs.PutAsync(blobPath, stream, contentType, ct);
    }
}
