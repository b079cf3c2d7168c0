using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Curation.Manifest;
using MedVid.Storage;

namespace MedVid.Compute.Exports;

/// <summary>
/// Packages an export run: each chunk's videos (checked against the count the run expects) under one folder per label,
/// each file's SHA-256 computed while it is read, into a zip with manifest.csv, manifest.json and README.md (written to
/// scratch space and uploaded to the run's fixed blob, so a re-run replaces it), and/or into a synthetic dataset version
/// (each video copied to the version's clip folder, then the manifest: base clips first, then the generated ones).
/// </summary>
public sealed class ExportPackager(IBlobStore blobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Provenance = new() { PropertyNameCaseInsensitive = true };

    public async Task<PackageExportResult> PackAsync(PackageExportPayload payload, string scratchDirectory, IProgress<WorkProgress>? progress,
        CancellationToken ct)
    {
        var zipFile = Path.Combine(scratchDirectory, "export.zip");
        var accepted = payload.Chunks.FirstOrDefault(c => c.Accepted is not null)?.Accepted;
        if (accepted is { Count: 0 }) throw new InvalidDataException("The raters accepted none of the videos: there is nothing to package.");
        var total = accepted?.Count ?? payload.Chunks.Sum(c => c.Count);
        var videos = new List<SyntheticClips.Video>(total);
        var perLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var file = payload.ZipBlob is null ? null : File.Create(zipFile))
        using (var zip = file is null ? null : new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var chunk in payload.Chunks)
            {
                foreach (var (mp4, provenance, createdAt) in await VideosOfAsync(chunk, ct))
                {
                    var ratingOutcome = "";
                    if (chunk.Accepted is { } kept && !kept.TryGetValue(mp4, out ratingOutcome)) continue;
                    var number = perLabel[chunk.Label] = perLabel.GetValueOrDefault(chunk.Label) + 1;
                    var name = $"{chunk.Label}/{chunk.Label}-{number:D5}.mp4";
                    var (bytes, sha256) = await CopyAsync(mp4, zip?.CreateEntry(name, CompressionLevel.NoCompression), ct);
                    var clipBlob = payload.DatasetVersion is { } plan ? $"{plan.ClipsPrefix}/{name}" : "";
                    if (clipBlob != "")
                    {
                        await using var source = await blobs.OpenReadAsync(mp4, null, ct);
                        await blobs.PutAsync(clipBlob, source, "video/mp4", ct);
                    }
                    videos.Add(new SyntheticClips.Video(new ExportManifestRow(name, chunk.Label, chunk.Prompt, provenance.Seed, provenance.CheckpointStep,
                        provenance.CheckpointSha256, provenance.Sampler, provenance.Steps, provenance.Guidance, provenance.Eta, provenance.Spacing,
                        provenance.Width, provenance.Height, provenance.Frames, bytes, sha256, createdAt, ratingOutcome ?? ""), provenance, clipBlob));
                    progress?.Report(new WorkProgress(0.9 * videos.Count / total, $"packaged {videos.Count}/{total} videos"));
                }
            }
            if (zip is not null)
            {
                var rows = videos.Select(v => v.Row).ToList();
                await WriteTextAsync(zip, ExportManifest.CsvFile, ExportManifest.ToCsv(rows), ct);
                await WriteTextAsync(zip, ExportManifest.JsonFile, ExportManifest.ToJson(rows), ct);
                await WriteTextAsync(zip, ExportReadme.File, ExportReadme.Write(payload, rows, clock.GetUtcNow()), ct);
            }
        }
        var version = payload.DatasetVersion is { } datasetVersion ? await WriteVersionAsync(payload.ExportRunId, datasetVersion, videos, progress, ct) : null;
        if (payload.ZipBlob is null)
        {
            progress?.Report(new WorkProgress(1, "stored"));
            return new PackageExportResult(null, 0, null, videos.Count, perLabel, version);
        }
        progress?.Report(new WorkProgress(0.96, "uploading the zip"));
        string zipHash;
        await using (var read = File.OpenRead(zipFile)) zipHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
        await using (var upload = File.OpenRead(zipFile)) await blobs.PutAsync(payload.ZipBlob, upload, "application/zip", ct);
        progress?.Report(new WorkProgress(1, "stored"));
        return new PackageExportResult(payload.ZipBlob, new FileInfo(zipFile).Length, zipHash, videos.Count, perLabel, version);
    }

    private async Task<SyntheticVersionManifest> WriteVersionAsync(Guid exportRunId, SyntheticVersionPlan plan, IReadOnlyList<SyntheticClips.Video> videos,
        IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new WorkProgress(0.92, "writing the synthetic dataset version"));
        IReadOnlyList<ManifestClip> baseClips = [];
        if (plan.BaseManifestBlob is { } baseBlob)
        {
            await using var read = await blobs.OpenReadAsync(baseBlob, null, ct);
            baseClips = await DatasetManifest.ReadAllAsync(read, ct);
        }
        var synthetic = SyntheticClips.Of(exportRunId, plan.LabelKey, baseClips, videos);
        using var manifest = new MemoryStream();
        await DatasetManifest.WriteAsync(manifest, baseClips.Concat(synthetic), ct);
        manifest.Position = 0;
        await blobs.PutAsync(plan.ManifestBlob, manifest, "application/x-ndjson", ct);
        return new SyntheticVersionManifest(plan.ManifestBlob, baseClips.Count + synthetic.Count, synthetic.Count);
    }

    /// <summary>The chunk's videos in name order, each with its provenance; fails when the job's folder holds another count.</summary>
    private async Task<List<(string Mp4, GeneratedVideo Provenance, DateTimeOffset CreatedAt)>> VideosOfAsync(PackageExportChunk chunk, CancellationToken ct)
    {
        var videos = new List<(string, GeneratedVideo, DateTimeOffset)>();
        await foreach (var blob in blobs.ListAsync(chunk.VideosPrefix, ct))
        {
            if (!blob.Path.EndsWith(".mp4", StringComparison.Ordinal)) continue;
            var json = Path.ChangeExtension(blob.Path, ".json");
            await using var stream = await blobs.OpenReadAsync(json, null, ct);
            var provenance = await JsonSerializer.DeserializeAsync<GeneratedVideo>(stream, Provenance, ct)
                ?? throw new InvalidDataException($"The provenance of {blob.Path} is empty.");
            videos.Add((blob.Path, provenance, blob.LastModified));
        }
        if (videos.Count != chunk.Count)
            throw new InvalidDataException($"Label '{chunk.Label}': {chunk.VideosPrefix} holds {videos.Count} videos, the export expects {chunk.Count}.");
        return videos;
    }

    /// <summary>Reads <paramref name="blob"/> once, hashing it and copying it into <paramref name="entry"/> when one is given.</summary>
    private async Task<(long Bytes, string Sha256)> CopyAsync(string blob, ZipArchiveEntry? entry, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var source = await blobs.OpenReadAsync(blob, null, ct);
        await using var target = entry is null ? Stream.Null : await entry.OpenAsync(ct);
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            bytes += read;
        }
        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        await entry.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
    }
}
