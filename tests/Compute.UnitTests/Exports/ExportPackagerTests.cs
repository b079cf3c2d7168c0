using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedVid.Compute.Exports;
using MedVid.Contracts;
using MedVid.Curation.Manifest;
using MedVid.Storage;
using MedVid.Storage.Folder;
using MedVid.Curation.Clips;

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
        await using var stored = await _blobs.OpenReadAsync(payload.ZipBlob!);
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
        Assert.Null(await _blobs.GetPropertiesAsync(payload.ZipBlob!));
    }

    [Fact]
    public async Task A_synthetic_version_lists_the_base_versions_clips_then_each_generated_video_marked_synthetic_and_writes_no_zip()
    {
        var real = new[] { RealClip("a", "polyp", "endoscopy", DatasetSplit.Train), RealClip("b", "no-polyp", "endoscopy", DatasetSplit.Test) };
        using (var manifest = new MemoryStream())
        {
            await DatasetManifest.WriteAsync(manifest, real);
            manifest.Position = 0;
            await _blobs.PutAsync("teams/t/datasets/d/v1/manifest.jsonl", manifest, "application/x-ndjson");
        }
        var chunks = new[] { await GeneratedAsync("polyp", "An endoscopy video with a polyp.", seeds: [11, 12]), await GeneratedAsync("ulcer", "An ulcer.", seeds: [31]) };
        var runId = Guid.NewGuid();
        var plan = new SyntheticVersionPlan(Guid.NewGuid(), "finding", "teams/t/datasets/d/v1/manifest.jsonl", "teams/t/datasets/d/synthetic/r", "teams/t/datasets/d/synthetic/r/manifest.jsonl");
        var payload = new PackageExportPayload(runId, "polyp set", Guid.NewGuid(), 600, "c0ffee", chunks, ZipBlob: null, plan);

        var result = await new ExportPackager(_blobs, TimeProvider.System).PackAsync(payload, Path.Combine(_root, "scratch"), null, CancellationToken.None);

        Assert.Null(result.ZipBlob);
        Assert.Equal(new SyntheticVersionManifest(plan.ManifestBlob, 5, 3), result.DatasetVersion);
        await using var stored = await _blobs.OpenReadAsync(plan.ManifestBlob);
        var clips = await DatasetManifest.ReadAllAsync(stored);
        Assert.Equal(["a", "b"], clips.Take(2).Select(c => c.ClipId));
        Assert.All(clips.Take(2), c => Assert.Null(c.Synthetic));
        var synthetic = clips.Skip(2).ToList();
        Assert.Equal(["polyp", "polyp", "ulcer"], synthetic.Select(c => c.Labels["finding"]));
        Assert.Equal(["endoscopy", "endoscopy", SyntheticClips.UnknownModality], synthetic.Select(c => c.Modality));
        Assert.All(synthetic, c => Assert.Equal((DatasetSplit.Train, 16, 64, 12.0), (c.Split, c.FrameCount, c.Width, c.Fps)));
        Assert.Equal([11L, 12, 31], synthetic.Select(c => c.Synthetic!.Seed));
        Assert.Equal($"teams/t/datasets/d/synthetic/r/polyp/polyp-00002.mp4", synthetic[1].ClipBlob);
        foreach (var clip in synthetic)
        {
            await using var video = await _blobs.OpenReadAsync(clip.ClipBlob);
            Assert.Equal(clip.Synthetic!.Sha256, Convert.ToHexStringLower(SHA256.HashData(video)));
            Assert.Equal((runId, 600L, "c0ffee", "ddim"), (clip.Synthetic.ExportRunId, clip.Synthetic.CheckpointStep, clip.Synthetic.CheckpointSha256, clip.Synthetic.Sampler));
        }
        Assert.Equal(3, synthetic.Select(c => c.ClipId).Distinct().Count());
    }

    [Fact]
    public async Task With_an_acceptance_filter_only_accepted_videos_are_packaged_with_their_rating_outcome()
    {
        var polyp = await GeneratedAsync("polyp", "p", seeds: [1, 2]);
        var none = await GeneratedAsync("no-polyp", "n", seeds: [3]);
        var accepted = new Dictionary<string, string> { [$"{polyp.VideosPrefix}video-0001.mp4"] = "accepted: 2 of 3 raters saw no or minor distortion" };
        var payload = new PackageExportPayload(Guid.NewGuid(), "rated", Guid.NewGuid(), 600, "c0ffee",
            [polyp with { Accepted = accepted }, none with { Accepted = accepted }], "teams/t/exports/r/export.zip");

        var result = await new ExportPackager(_blobs, TimeProvider.System).PackAsync(payload, Path.Combine(_root, "scratch"), null, CancellationToken.None);

        Assert.Equal(1, result.Videos);
        await using var stored = await _blobs.OpenReadAsync(payload.ZipBlob!);
        using var zip = new ZipArchive(stored, ZipArchiveMode.Read);
        var row = Assert.Single(JsonSerializer.Deserialize<List<ExportManifestRow>>(Read(zip, "manifest.json"), ExportManifest.Json)!);
        Assert.Equal((2L, "accepted: 2 of 3 raters saw no or minor distortion", "polyp/polyp-00001.mp4"), (row.Seed, row.RatingOutcome, row.File));
        Assert.Contains("only the videos expert raters accepted, 1 of 3 generated", Read(zip, "README.md"));
    }

    [Fact]
    public async Task When_raters_accepted_nothing_the_packaging_fails_saying_so()
    {
        var chunk = await GeneratedAsync("polyp", "p", seeds: [1]);
        var payload = new PackageExportPayload(Guid.NewGuid(), "x", Guid.NewGuid(), 1, "h", [chunk with { Accepted = new Dictionary<string, string>() }], "teams/t/exports/r2/export.zip");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ExportPackager(_blobs, TimeProvider.System).PackAsync(payload, Path.Combine(_root, "scratch"), null, CancellationToken.None));
        Assert.Equal("The raters accepted none of the videos: there is nothing to package.", error.Message);
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
            var video = new GeneratedVideo($"{name}.mp4", $"{name}.jpg", prompt, seeds[i], "ddim", 50, 7.5, 0, "leading", 16, 64, 64, Guid.NewGuid(), 600, "c0ffee", 12);
            await _blobs.PutAsync($"{name}.mp4", new MemoryStream(RandomNumberGenerator.GetBytes(1000 + i)), "video/mp4");
            await _blobs.PutAsync($"{name}.jpg", new MemoryStream([1, 2, 3]), "image/jpeg");
            await _blobs.PutAsync($"{name}.json", new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(video))), "application/json");
        }
        return new PackageExportChunk(label, prompt, prefix, seeds.Length);
    }

    private static ManifestClip RealClip(string id, string finding, string modality, DatasetSplit split) => new(id, $"clips/{id}.mp4", id, 0, 1,
        ["a real clip"], new Dictionary<string, string> { ["finding"] = finding }, modality, new Dictionary<string, double>(), split, 64, 64, 12, 12, 0);

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
