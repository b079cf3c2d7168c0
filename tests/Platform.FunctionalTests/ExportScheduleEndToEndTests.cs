using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedVid.Contracts;
using MedVid.Curation.Manifest;
using MedVid.Grains.Datasets;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;
using MedVid.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using MedVid.Curation.Clips;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// A schedule with a two-second interval fires; its run's generation jobs ask for a GPU this CPU-only platform lacks, so
/// the run shows why it waits; the jobs are then completed as a GPU host would (videos with provenance in their
/// folders, outcome reported), the embedded compute host packages the zip for real, and its manifest matches its files.
/// </summary>
public sealed class ExportScheduleEndToEndTests(ExportScheduleEndToEndTests.App app) : IClassFixture<ExportScheduleEndToEndTests.App>
{
    public sealed class App : SqliteApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GrainCluster:MinimumReminderPeriod", "00:00:01");
            builder.UseSetting("Exports:TickPeriod", "00:00:01");
        }
    }

    [Fact]
    public async Task A_short_interval_schedule_produces_a_zip_whose_manifest_matches_its_files()
    {
        var admin = app.Admin;
        var runOf = await app.SucceededTrainingRunAsync(admin.TeamId);
        var spec = await admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", new
        {
            name = "scheduled polyp set",
            source = new { trainingRunId = runOf },
            labels = new[] { new { name = "polyp", prompt = "An endoscopy video with a polyp." }, new { name = "no-polyp", prompt = "An endoscopy video without a polyp." } },
            videosPerLabel = 3,
            sampling = new { steps = 4, frames = 4, width = 32, height = 32, gpus = 1 },
        });
        var schedule = await admin.PostJsonAsync<JsonObject>("/api/v1/export-schedules",
            new { specificationId = (Guid)spec["id"]!, cron = "*/2 * * * * *", timeZone = "Europe/Berlin" });
        var scheduleId = (string)schedule["id"]!;

        JsonArray history = [];
        await Poll.UntilAsync(async () => (history = await admin.GetJsonAsync<JsonArray>($"/api/v1/export-schedules/{scheduleId}/history")).Count > 0,
            TimeSpan.FromSeconds(30), "the schedule never fired");
        (await admin.PostJsonAsync($"/api/v1/export-schedules/{scheduleId}/pause", new { })).EnsureSuccessStatusCode();
        var runId = Guid.Parse((string)history[^1]!["exportRunId"]!); // the oldest entry: the first occurrence

        JsonObject run = null!;
        await Poll.UntilAsync(async () =>
        {
            run = await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}");
            return run["labels"]!.AsArray().All(l => l!["waitReason"] is JsonValue);
        }, TimeSpan.FromSeconds(30), "the run never said why it waits");
        Assert.Equal("Generating", (string?)run["status"]);

        await CompleteGenerationJobsAsync(runId);

        await Poll.UntilAsync(async () => (string?)(run = await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["status"] is "Succeeded" or "Failed",
            TimeSpan.FromSeconds(60), "the run never packaged");
        Assert.True((string?)run["status"] == "Succeeded", run.ToJsonString());
        Assert.Equal("Scheduled", run["trigger"]!["scheduleId"] is JsonValue ? "Scheduled" : "Manual");

        using var download = await admin.GetAsync($"/api/v1/exports/runs/{runId}/download");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal((string?)run["package"]!["sha256"], Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var rows = JsonNode.Parse(new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd())!.AsArray();
        Assert.Equal(6, rows.Count);
        Assert.Equal(3, rows.Count(r => (string?)r!["label"] == "polyp"));
        Assert.Equal(3, rows.Count(r => (string?)r!["label"] == "no-polyp"));
        foreach (var row in rows)
        {
            using var file = zip.GetEntry((string)row!["file"]!)!.Open();
            Assert.Equal((string?)row["sha256"], Convert.ToHexStringLower(SHA256.HashData(file)));
            Assert.Equal(("sha-600", 600L), ((string?)row["checkpointSha256"], (long)row["checkpointStep"]!));
        }
        Assert.Equal(6, zip.Entries.Count(e => e.FullName.EndsWith(".mp4", StringComparison.Ordinal)));
        Assert.NotNull(zip.GetEntry("manifest.csv"));
        Assert.NotNull(zip.GetEntry("README.md"));
    }

    [Fact]
    public async Task An_export_to_a_dataset_adds_a_version_of_its_real_clips_and_the_generated_ones_marked_synthetic()
    {
        var admin = app.Admin;
        var runOf = await app.SucceededTrainingRunAsync(admin.TeamId);
        var datasetId = Guid.Parse((string)(await admin.CreateDatasetAsync("polyp with synthetic"))["id"]!);
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        var baseManifest = $"{admin.BlobPrefix}datasets/{datasetId:N}/versions/1/manifest.jsonl";
        using (var manifest = new MemoryStream())
        {
            await DatasetManifest.WriteAsync(manifest, new[] { "polyp", "no-polyp" }.Select(label => new ManifestClip($"real-{label}", $"{admin.BlobPrefix}clips/{label}.mp4", label,
                0, 1, ["a real endoscopy"], new Dictionary<string, string> { ["finding"] = label }, "endoscopy", new Dictionary<string, double>(), DatasetSplit.Test, 32, 32, 12, 12, 0)));
            manifest.Position = 0;
            await blobs.PutAsync(baseManifest, manifest, "application/x-ndjson");
        }
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDatasetGrain>(datasetId).AddVersionAsync(baseManifest, null, 2, "functional-test", null);

        var spec = await admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", new
        {
            name = "polyp set into the dataset",
            source = new { trainingRunId = runOf },
            labels = new[] { new { name = "polyp", prompt = "An endoscopy video with a polyp." }, new { name = "no-polyp", prompt = "An endoscopy video without a polyp." } },
            videosPerLabel = 3,
            sampling = new { steps = 4, frames = 4, width = 32, height = 32, gpus = 1 },
            outputs = new { zip = false, syntheticDatasetId = datasetId, baseVersion = 1, labelKey = "finding" },
        });
        var started = await admin.PostJsonAsync<JsonObject>($"/api/v1/exports/specifications/{(string)spec["id"]!}/runs", new { });
        var runId = Guid.Parse((string)started["id"]!);
        await Poll.UntilAsync(async () => (await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["labels"]!.AsArray().All(l => (int)l!["jobs"]! > 0),
            TimeSpan.FromSeconds(30), "the run never started its jobs");
        await CompleteGenerationJobsAsync(runId);

        JsonObject run = null!;
        await Poll.UntilAsync(async () => (string?)(run = await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["status"] is "Succeeded" or "Failed",
            TimeSpan.FromSeconds(60), "the run never packaged");
        Assert.True((string?)run["status"] == "Succeeded", run.ToJsonString());
        var package = run["package"]!;
        Assert.Equal((false, "No zip was asked for."), ((bool)package["downloadable"]!, (string?)package["note"]));
        Assert.Equal((2, 8, 6), ((int)package["datasetVersion"]!["version"]!, (int)package["datasetVersion"]!["clips"]!, (int)package["datasetVersion"]!["syntheticClips"]!));
        await ApiClient.ProblemAsync(await admin.GetAsync($"/api/v1/exports/runs/{runId}/download"), System.Net.HttpStatusCode.Conflict);

        var dataset = await admin.GetJsonAsync<JsonObject>($"/api/v1/datasets/{datasetId}");
        var version = dataset["versions"]!.AsArray().Single(v => (int)v!["number"]! == 2)!;
        Assert.Equal((8, $"export {runId}"), ((int)version["clipCount"]!, (string?)version["origin"]));
        await using var stored = await blobs.OpenReadAsync((string)version["manifestBlob"]!);
        var clips = await DatasetManifest.ReadAllAsync(stored);
        Assert.Equal(["real-polyp", "real-no-polyp"], clips.Take(2).Select(c => c.ClipId));
        var synthetic = clips.Skip(2).ToList();
        Assert.Equal([3, 3], synthetic.GroupBy(c => c.Labels["finding"]).Select(g => g.Count()));
        Assert.All(synthetic, c => Assert.Equal((runId, "sha-600", DatasetSplit.Train, "endoscopy"), (c.Synthetic!.ExportRunId, c.Synthetic.CheckpointSha256, c.Split, c.Modality)));
        foreach (var clip in synthetic)
        {
            await using var video = await blobs.OpenReadAsync(clip.ClipBlob);
            Assert.Equal(clip.Synthetic!.Sha256, Convert.ToHexStringLower(SHA256.HashData(video)));
        }

        // The export's videos evaluated against the version it added: its training clips are those very videos, so the
        // memorisation check flags every one as a near-copy.
        var evaluation = await admin.PostJsonAsync<JsonObject>("/api/v1/evaluations",
            new { exportRunId = runId, datasetId, datasetVersion = 2, referenceSplit = "train" });
        Assert.Equal(runId.ToString(), (string?)evaluation["spec"]!["exportRunId"]);
        Assert.Equal(600L, (long)evaluation["checkpointStep"]!);
        await Poll.UntilAsync(async () => (string?)(evaluation = await admin.GetJsonAsync<JsonObject>($"/api/v1/evaluations/{evaluation["id"]}"))["status"]
            is "Succeeded" or "Failed", TimeSpan.FromSeconds(90), "the export's evaluation never finished");
        Assert.True((string?)evaluation["status"] == "Succeeded", evaluation.ToJsonString());
        Assert.Equal((6, 6), ((int)evaluation["result"]!["generatedCount"]!, (int)evaluation["result"]!["nearCopies"]!));
        Assert.Single(await admin.GetJsonAsync<JsonArray>($"/api/v1/evaluations?exportRunId={runId}"));
        await ApiClient.ProblemAsync(await admin.PostJsonAsync("/api/v1/evaluations", new { exportRunId = Guid.NewGuid(), datasetId, datasetVersion = 2 }),
            System.Net.HttpStatusCode.NotFound, "The export run does not exist.");
    }

    [Fact]
    public async Task A_filtered_export_waits_for_its_raters_and_packages_only_the_videos_they_accepted()
    {
        var admin = app.Admin;
        var runOf = await app.SucceededTrainingRunAsync(admin.TeamId);
        (await admin.PutJsonAsync("/api/v1/teams/current/members", new { userName = "export-judge", role = "rater", password = "judge-password-1" })).EnsureSuccessStatusCode();
        var rater = await app.LoginAsync("export-judge", "judge-password-1");
        var raterId = Guid.Parse((string)(await rater.GetJsonAsync<JsonObject>("/api/v1/auth/me"))["userId"]!);
        var spec = await admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", new
        {
            name = "rated polyp set",
            source = new { trainingRunId = runOf },
            labels = new[] { new { name = "polyp", prompt = "An endoscopy video with a polyp." }, new { name = "no-polyp", prompt = "An endoscopy video without a polyp." } },
            videosPerLabel = 2,
            sampling = new { steps = 4, frames = 4, width = 32, height = 32, gpus = 1 },
            filter = new { protocol = "ophora-seven-criteria", minimumMean = 2.0, raters = new[] { raterId } },
        });
        var runId = Guid.Parse((string)(await admin.PostJsonAsync<JsonObject>($"/api/v1/exports/specifications/{(string)spec["id"]!}/runs", new { }))["id"]!);
        await Poll.UntilAsync(async () => (await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["labels"]!.AsArray().All(l => (int)l!["jobs"]! > 0),
            TimeSpan.FromSeconds(30), "the run never started its jobs");
        await CompleteGenerationJobsAsync(runId);

        JsonObject run = null!;
        await Poll.UntilAsync(async () => (run = await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["rating"] is JsonObject,
            TimeSpan.FromSeconds(30), "the run never opened its rating campaign");
        Assert.Equal(("Rating", 4, 0), ((string?)run["status"], (int)run["rating"]!["videos"]!, (int)run["rating"]!["decided"]!));
        var campaign = (string)run["rating"]!["campaignId"]!;

        // The rater sees prompt and label only; polyp videos get 3 on every criterion, no-polyp videos 1.
        var criteria = new[] { "phase-matching", "phase-completeness", "construction-realism", "construction-stability", "action-realism", "action-logic", "action-effectiveness" };
        while (await rater.GetAsync($"/api/v1/rating-campaigns/{campaign}/tasks/next") is { StatusCode: System.Net.HttpStatusCode.OK } response)
        {
            var task = await ApiClient.ReadAsync<JsonObject>(response, System.Net.HttpStatusCode.OK);
            var level = (string?)task["label"] == "polyp" ? "3" : "1";
            (await rater.PutJsonAsync($"/api/v1/rating-campaigns/{campaign}/tasks/{(string)task["itemId"]!}/ratings",
                new { ratings = criteria.ToDictionary(c => c, _ => level) })).EnsureSuccessStatusCode();
        }

        await Poll.UntilAsync(async () => (string?)(run = await admin.GetJsonAsync<JsonObject>($"/api/v1/exports/runs/{runId}"))["status"] is "Succeeded" or "Failed",
            TimeSpan.FromSeconds(60), "the run never packaged");
        Assert.True((string?)run["status"] == "Succeeded", run.ToJsonString());
        Assert.Equal((4, 2), ((int)run["rating"]!["decided"]!, (int)run["rating"]!["accepted"]!));
        using var download = await admin.GetAsync($"/api/v1/exports/runs/{runId}/download");
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var rows = JsonNode.Parse(new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd())!.AsArray();
        Assert.Equal(["polyp", "polyp"], rows.Select(r => (string)r!["label"]!));
        Assert.All(rows, r => Assert.Equal("accepted: mean 3.00 >= 2.00", (string?)r!["ratingOutcome"]));
        Assert.Equal(2, zip.Entries.Count(e => e.FullName.EndsWith(".mp4", StringComparison.Ordinal)));
        Assert.Contains("only the videos expert raters accepted, 2 of 4 generated", new StreamReader(zip.GetEntry("README.md")!.Open()).ReadToEnd());
    }

    /// <summary>What a GPU host would have done for each of the run's jobs: store its videos (a real MP4 each) with provenance, then report success.</summary>
    private async Task CompleteGenerationJobsAsync(Guid runId)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        foreach (var key in await app.Services.GetRequiredService<GrainDirectory>().FindAsync<IGenerationJobGrain>("team", app.Admin.TeamId.ToString()))
        {
            var job = await grains.GetGrain<IGenerationJobGrain>(key).GetAsync();
            if (job.ExportRunId != runId) continue;
            var folder = $"{TeamBlobs.GenerationJob(job.TeamId, job.Id)}/videos";
            var videos = new List<GeneratedVideo>();
            for (var i = 0; i < job.Spec.VideoCount; i++)
            {
                var video = new GeneratedVideo($"{folder}/video-{i:D4}.mp4", $"{folder}/video-{i:D4}.jpg", job.Spec.Prompts[0], job.Spec.Seeds![i],
                    job.Spec.Sampler, job.Spec.Steps, job.Spec.Guidance, job.Spec.Eta, job.Spec.Spacing, job.Spec.Frames, job.Spec.Width, job.Spec.Height,
                    job.Spec.TrainingRunId, job.Spec.CheckpointStep!.Value, "sha-600", Fps: 12);
                await blobs.PutAsync(video.Blob, new MemoryStream(await TestVideos.TestPatternMp4()), "video/mp4");
                await blobs.PutAsync(Path.ChangeExtension(video.Blob, ".json"), new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(video))),
                    "application/json");
                videos.Add(video);
            }
            await grains.GetGrain<IGenerationJobGrain>(job.Id).ReportFinishedAsync(RunStatus.Succeeded, new GenerateResult(videos), null);
            // The run is not told here: its reminder notices, as after a lost message.
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).CancelAsync(job.WorkItemId, job.TeamId); // no GPU host will ever take it
        }
    }
}
