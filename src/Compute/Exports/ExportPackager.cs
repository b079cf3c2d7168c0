using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Storage;

namespace MedVid.Compute.Exports;

/// <summary>
/// Builds an export's zip: each chunk's videos (checked against the count the run expects) under one folder per label,
/// each file's SHA-256 computed while it is copied, then manifest.csv, manifest.json and README.md; the zip is written to
/// scratch space and uploaded to the run's fixed blob, so a re-run replaces it.
/// </summary>
public sealed class ExportPackager(IBlobStore blobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Provenance = new() { PropertyNameCaseInsensitive = true };

    public async Task<PackageExportResult> PackAsync(PackageExportPayload payload, string scratchDirectory, IProgress<WorkProgress>? progress,
        CancellationToken ct)
    {
        var zipFile = Path.Combine(scratchDirectory, "export.zip");
        var total = payload.Chunks.Sum(c => c.Count);
        var rows = new List<ExportManifestRow>(total);
        var perLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var file = File.Create(zipFile))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var chunk in payload.Chunks)
            {
                var videos = await VideosOfAsync(chunk, ct);
                foreach (var (mp4, provenance, createdAt) in videos)
                {
                    var number = perLabel[chunk.Label] = perLabel.GetValueOrDefault(chunk.Label) + 1;
                    var name = $"{chunk.Label}/{chunk.Label}-{number:D5}.mp4";
                    var (bytes, sha256) = await CopyAsync(mp4, zip.CreateEntry(name, CompressionLevel.NoCompression), ct);
                    rows.Add(new ExportManifestRow(name, chunk.Label, chunk.Prompt, provenance.Seed, provenance.CheckpointStep, provenance.CheckpointSha256,
                        provenance.Sampler, provenance.Steps, provenance.Guidance, provenance.Eta, provenance.Spacing, provenance.Width, provenance.Height,
                        provenance.Frames, bytes, sha256, createdAt, ""));
                    progress?.Report(new WorkProgress(0.95 * rows.Count / total, $"packaged {rows.Count}/{total} videos"));
                }
            }
            await WriteTextAsync(zip, ExportManifest.CsvFile, ExportManifest.ToCsv(rows), ct);
            await WriteTextAsync(zip, ExportManifest.JsonFile, ExportManifest.ToJson(rows), ct);
            await WriteTextAsync(zip, ExportReadme.File, ExportReadme.Write(payload, rows, clock.GetUtcNow()), ct);
        }
        progress?.Report(new WorkProgress(0.96, "uploading the zip"));
        string zipHash;
        await using (var read = File.OpenRead(zipFile)) zipHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
        await using (var upload = File.OpenRead(zipFile)) await blobs.PutAsync(payload.ZipBlob, upload, "application/zip", ct);
        progress?.Report(new WorkProgress(1, "stored"));
        return new PackageExportResult(payload.ZipBlob, new FileInfo(zipFile).Length, zipHash, rows.Count, perLabel);
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

    private async Task<(long Bytes, string Sha256)> CopyAsync(string blob, ZipArchiveEntry entry, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var source = await blobs.OpenReadAsync(blob, null, ct);
        await using var target = await entry.OpenAsync(ct);
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
