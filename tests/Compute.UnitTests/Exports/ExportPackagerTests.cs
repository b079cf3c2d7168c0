using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedVid.Compute.Exports;
using MedVid.Contracts;
using MedVid.Storage;
using MedVid.Storage.Folder;

namespace MedVid.Compute.UnitTests.Exports;

/// <summary>The zip of an export: its files match its manifests (count per label, SHA-256), and a wrong count fails it.</summary>
public sealed class ExportPackagerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"medvid-export-tests-{Guid.NewGuid():N}");
    private readonly IBlobStore _blobs;

    public ExportPackagerTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "scratch"));
        _blobs = new FolderBlobStore(Path.Combine(_root, "blobs"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_zip_holds_each_labels_videos_and_manifests_that_match_them()
    {
        var chunks = new[]
        {
            await GeneratedAsync("polyp", "An endoscopy video with a polyp.", seeds: [11, 12, 13]),
            await GeneratedAsync("polyp", "An endoscopy video with a polyp.", seeds: [14]),
            await GeneratedAsync("no-polyp", "An endoscopy video without a polyp.", seeds: [21, 22]),
        };
        var payload = new PackageExportPayload(Guid.NewGuid(), "polyp set", Guid.NewGuid(), 600, "c0ffee", chunks, "teams/t/exports/r/export.zip");

        var result = await new ExportPackager(_blobs, TimeProvider.System).PackAsync(payload, Path.Combine(_root, "scratch"), null, CancellationToken.None);

        Assert.Equal((6, 4, 2), (result.Videos, result.VideosPerLabel["polyp"], result.VideosPerLabel["no-polyp"]));
        await using var stored = await _blobs.OpenReadAsync(payload.ZipBlob);
        var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes);
        Assert.Equal(result.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        using var zip = new ZipArchive(new MemoryStream(bytes.ToArray()), ZipArchiveMode.Read);

        var rows = JsonSerializer.Deserialize<List<ExportManifestRow>>(Read(zip, "manifest.json"), ExportManifest.Json)!;
        Assert.Equal(6, rows.Count);
        Assert.Equal([11L, 12, 13, 14], rows.Where(r => r.Label == "polyp").Select(r => r.Seed));
        Assert.Equal("polyp/polyp-00004.mp4", rows[3].File);
        foreach (var row in rows)
        {
            var entry = zip.GetEntry(row.File)!;
            using var content = entry.Open();
            Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
            Assert.Equal((row.Bytes, "c0ffee", 600L, "ddim", 64, 16), (entry.Length, row.CheckpointSha256, row.CheckpointStep, row.Sampler, row.Width, row.Frames));
        }
        Assert.Equal(6, zip.Entries.Count(e => e.FullName.EndsWith(".mp4", StringComparison.Ordinal)));

        var csv = Read(zip, "manifest.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("file,label,prompt,seed,checkpoint_step,checkpoint_sha256,", csv[0]);
        Assert.Equal(7, csv.Length);
        Assert.StartsWith($"polyp/polyp-00001.mp4,polyp,An endoscopy video with a polyp.,11,600,c0ffee,ddim,50,7.5,0,leading,64,64,16,{rows[0].Bytes},{rows[0].Sha256},", csv[1]);

        var readme = Read(zip, "README.md");
        Assert.Contains("| polyp | 4 | An endoscopy video with a polyp. |", readme);
        Assert.Contains("checkpoint step 600, weights SHA-256 `c0ffee`", readme);
    }

    [Fact]
    public async Task A_job_folder_with_another_number_of_videos_fails_the_packaging()
    {
        var chunk = await GeneratedAsync("polyp", "p", seeds: [1, 2]);
        var payload = new PackageExportPayload(Guid.NewGuid(), "x", Guid.NewGuid(), 1, "h", [chunk with { Count = 3 }], "teams/t/exports/r/export.zip");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ExportPackager(_blobs, TimeProvider.System).PackAsync(payload, Path.Combine(_root, "scratch"), null, CancellationToken.None));
        Assert.Equal($"Label 'polyp': {chunk.VideosPrefix} holds 2 videos, the export expects 3.", error.Message);
        Assert.Null(await _blobs.GetPropertiesAsync(payload.ZipBlob));
    }

    [Fact]
    public void Csv_fields_with_commas_or_quotes_are_quoted()
    {
        var row = new ExportManifestRow("a.mp4", "l", "a \"polyp\", large", 1, 2, "h", "ddim", 50, 7.5, 0, "leading", 64, 64, 8, 10, "s",
            DateTimeOffset.Parse("2026-12-06T01:00:00Z", CultureInfo.InvariantCulture), "");
        Assert.Contains(",\"a \"\"polyp\"\", large\",", ExportManifest.ToCsv([row]));
    }

    /// <summary>A generation job's folder as the generate handler leaves it: MP4s (here random bytes) with provenance JSON beside them.</summary>
    private async Task<PackageExportChunk> GeneratedAsync(string label, string prompt, long[] seeds)
    {
        var prefix = $"teams/t/generation-jobs/{Guid.NewGuid():N}/videos/";
        for (var i = 0; i < seeds.Length; i++)
        {
            var name = $"{prefix}video-{i:D4}";
            var video = new GeneratedVideo($"{name}.mp4", $"{name}.jpg", prompt, seeds[i], "ddim", 50, 7.5, 0, "leading", 16, 64, 64, Guid.NewGuid(), 600, "c0ffee");
            await _blobs.PutAsync($"{name}.mp4", new MemoryStream(RandomNumberGenerator.GetBytes(1000 + i)), "video/mp4");
            await _blobs.PutAsync($"{name}.jpg", new MemoryStream([1, 2, 3]), "image/jpeg");
            await _blobs.PutAsync($"{name}.json", new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(video))), "application/json");
        }
        return new PackageExportChunk(label, prompt, prefix, seeds.Length);
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
