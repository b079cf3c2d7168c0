using System.Net.Http.Headers;
using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Exports;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;
using MedVid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// /api/v1/exports and /api/v1/export-schedules: bad input answers problem+json naming the field and stores nothing,
/// another team's ids answer 404, raters get 403, and a finished run's zip downloads with ranges.
/// </summary>
public sealed class ExportsApiTests(ExportsApiTests.App app) : IClassFixture<ExportsApiTests.App>
{
    public sealed class App : SqliteApp
    {
        public const string RaterPassword = "export-rater-password-1";

        public Guid RunA { get; private set; }
        public Guid RunB { get; private set; }
        public Guid DatasetA { get; private set; }
        public Guid DatasetB { get; private set; }
        public ApiClient B { get; private set; } = null!;
        public ApiClient Rater { get; private set; } = null!;

        protected override async Task SeedAsync()
        {
            B = await OutsiderAsync("export-outsider");
            (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName = "export-rater", role = "rater", password = RaterPassword })).EnsureSuccessStatusCode();
            Rater = await LoginAsync("export-rater", RaterPassword);
            RunA = await this.SucceededTrainingRunAsync(Admin.TeamId);
            RunB = await this.SucceededTrainingRunAsync(B.TeamId);
            DatasetA = Guid.Parse((string)(await Admin.CreateDatasetAsync("export target"))["id"]!);
            await Seed.DatasetVersionAsync(this, Admin, DatasetA);
            DatasetB = Guid.Parse((string)(await B.CreateDatasetAsync("outsider's dataset"))["id"]!);
        }
    }

    private static object Specification(Guid runId, int videosPerLabel = 2, long? checkpointStep = null, int gpus = 0, object? outputs = null,
        object? filter = null) => new
    {
        name = "polyp augmentation",
        source = new { trainingRunId = runId, checkpointStep },
        labels = new[] { new { name = "polyp", prompt = "An endoscopy video with a polyp." }, new { name = "no-polyp", prompt = "An endoscopy video without a polyp." } },
        videosPerLabel,
        sampling = new { steps = 4, frames = 4, width = 32, height = 32, gpus },
        outputs,
        filter,
    };

    [Fact]
    public async Task Bad_specifications_are_refused_with_a_problem_naming_the_field_and_nothing_is_stored()
    {
        var cases = new (object Body, HttpStatusCode Status, string Detail)[]
        {
            (Specification(app.RunA, videosPerLabel: 0), HttpStatusCode.BadRequest, "videosPerLabel must be between 1 and 10,000, got 0."),
            (Specification(app.RunA, videosPerLabel: 10_001), HttpStatusCode.BadRequest, "videosPerLabel must be between 1 and 10,000, got 10,001."),
            (Specification(app.RunA, checkpointStep: 400), HttpStatusCode.BadRequest, "Unknown checkpoint: the training run has no checkpoint at step 400; kept: 200, 600."),
            (Specification(app.RunB), HttpStatusCode.NotFound, "The training run of source.trainingRunId does not exist."),
            (Specification(Guid.NewGuid()), HttpStatusCode.NotFound, "The training run of source.trainingRunId does not exist."),
            (Specification(app.RunA, outputs: new { syntheticDatasetId = app.DatasetB }), HttpStatusCode.NotFound, "The dataset of outputs.syntheticDatasetId does not exist."),
            (Specification(app.RunA, outputs: new { syntheticDatasetId = Guid.NewGuid() }), HttpStatusCode.NotFound, "The dataset of outputs.syntheticDatasetId does not exist."),
            (Specification(app.RunA, outputs: new { syntheticDatasetId = app.DatasetA, baseVersion = 4 }), HttpStatusCode.BadRequest,
                "outputs.baseVersion: the dataset has no version 4; it has 1."),
            (Specification(app.RunA, filter: new { protocol = "medgen-distortion" }), HttpStatusCode.BadRequest,
                "filter.raters must list the distinct user ids of the team's raters who rate the videos."),
            (Specification(app.RunA, filter: new { protocol = "ophora-seven-criteria", minimumMean = 2.0, raters = new[] { Guid.NewGuid() } }), HttpStatusCode.BadRequest,
                "filter.raters: user"),
            (Specification(app.RunA, videosPerLabel: 2501, filter: new { protocol = "ophora-seven-criteria", minimumMean = 2.0, raters = new[] { Guid.NewGuid() } }),
                HttpStatusCode.BadRequest, "A filtered export has every video rated: at most 5,000 videos in all (labels × videosPerLabel), got 5,002."),
            (Specification(app.RunA, outputs: new { zip = true, baseVersion = 1 }), HttpStatusCode.BadRequest,
                "outputs.baseVersion and outputs.labelKey apply to a synthetic dataset version: give outputs.syntheticDatasetId too."),
        };
        foreach (var (body, status, detail) in cases)
            Assert.StartsWith(detail, await ApiClient.ProblemAsync(await app.Admin.PostJsonAsync("/api/v1/exports/specifications", body), status));
        await ApiClient.ProblemAsync(await app.Rater.PostJsonAsync("/api/v1/exports/specifications", Specification(app.RunA)), HttpStatusCode.Forbidden);
        Assert.DoesNotContain(await app.Admin.GetJsonAsync<JsonArray>("/api/v1/exports/specifications"), s => (Guid?)s!["spec"]!["source"]!["trainingRunId"] == app.RunB);
        Assert.Empty((await app.Admin.GetJsonAsync<JsonArray>("/api/v1/exports/specifications")).Where(s => (int?)s!["spec"]!["videosPerLabel"] != 2));
    }

    [Fact]
    public async Task A_schedule_with_an_invalid_cron_or_time_zone_or_another_teams_specification_is_refused_and_nothing_is_stored()
    {
        var spec = await app.Admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", Specification(app.RunA));
        var theirs = await app.B.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", Specification(app.RunB));
        var before = (await app.Admin.GetJsonAsync<JsonArray>("/api/v1/export-schedules")).Count;
        var cases = new (object Body, HttpStatusCode Status, string Detail)[]
        {
            (new { specificationId = (Guid)spec["id"]!, cron = "0 2 * *", timeZone = "Europe/Berlin" }, HttpStatusCode.BadRequest, "Invalid cron expression '0 2 * *'"),
            (new { specificationId = (Guid)spec["id"]!, cron = "0 2 * * 0", timeZone = "Berlin" }, HttpStatusCode.BadRequest, "Unknown time zone 'Berlin'"),
            (new { specificationId = (Guid)theirs["id"]!, cron = "0 2 * * 0", timeZone = "Europe/Berlin" }, HttpStatusCode.NotFound, "The export specification does not exist."),
        };
        foreach (var (body, status, detail) in cases)
            await ApiClient.ProblemAsync(await app.Admin.PostJsonAsync("/api/v1/export-schedules", body), status, detail);
        await ApiClient.ProblemAsync(await app.Rater.PostJsonAsync("/api/v1/export-schedules",
            new { specificationId = (Guid)spec["id"]!, cron = "0 2 * * 0", timeZone = "Europe/Berlin" }), HttpStatusCode.Forbidden);
        Assert.Equal(before, (await app.Admin.GetJsonAsync<JsonArray>("/api/v1/export-schedules")).Count);
    }

    [Fact]
    public async Task A_schedule_shows_its_next_occurrences_in_its_time_zone_and_pauses_and_resumes()
    {
        var spec = await app.Admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", Specification(app.RunA));
        var schedule = await app.Admin.PostJsonAsync<JsonObject>("/api/v1/export-schedules",
            new { specificationId = (Guid)spec["id"]!, cron = "0 2 * * 0", timeZone = "Europe/Berlin", misfire = "Skip" });
        var id = (string)schedule["id"]!;
        Assert.Equal(("Skip", false, 5), ((string?)schedule["misfire"], (bool)schedule["paused"]!, schedule["nextOccurrences"]!.AsArray().Count));

        var next = await app.Admin.GetJsonAsync<JsonArray>($"/api/v1/export-schedules/{id}/next?count=12");
        Assert.Equal(12, next.Count);
        Assert.All(next, o =>
        {
            var local = DateTimeOffset.Parse((string)o!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((DayOfWeek.Sunday, 2, 0), (local.DayOfWeek, local.Hour, local.Minute));
        });
        await ApiClient.ProblemAsync(await app.Admin.GetAsync($"/api/v1/export-schedules/{id}/next?count=0"), HttpStatusCode.BadRequest, "count must be between 1 and 100.");

        Assert.True((bool)(await app.Admin.PostJsonAsync<JsonObject>($"/api/v1/export-schedules/{id}/pause", new { }, HttpStatusCode.OK))["paused"]!);
        await ApiClient.ProblemAsync(await app.Admin.PostJsonAsync($"/api/v1/export-schedules/{id}/pause", new { }), HttpStatusCode.Conflict, "already paused");
        Assert.False((bool)(await app.Admin.PostJsonAsync<JsonObject>($"/api/v1/export-schedules/{id}/resume", new { }, HttpStatusCode.OK))["paused"]!);
        Assert.Empty(await app.Admin.GetJsonAsync<JsonArray>($"/api/v1/export-schedules/{id}/history"));
        await ApiClient.ProblemAsync(await app.B.GetAsync($"/api/v1/export-schedules/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_run_started_by_hand_queues_generation_jobs_and_can_be_cancelled()
    {
        // Its jobs ask for a GPU, which no host here has: they stay queued, so the run is still generating when it is
        // cancelled (on the CPU they would fail at once, the seeded checkpoint having no blobs, and fail the run first).
        var spec = await app.Admin.PostJsonAsync<JsonObject>("/api/v1/exports/specifications", Specification(app.RunA, checkpointStep: 200, gpus: 1));
        var run = await app.Admin.PostJsonAsync<JsonObject>($"/api/v1/exports/specifications/{(string)spec["id"]!}/runs", new { });
        Assert.Equal(("Generating", 200L, 4), ((string?)run["status"], (long)run["checkpointStep"]!, (int)run["videos"]!));
        var id = (string)run["id"]!;
        await ApiClient.ProblemAsync(await app.Admin.GetAsync($"/api/v1/exports/runs/{id}/download"), HttpStatusCode.Conflict, "no zip");
        await ApiClient.ProblemAsync(await app.B.GetAsync($"/api/v1/exports/runs/{id}"), HttpStatusCode.NotFound);

        var cancelled = await app.Admin.PostJsonAsync<JsonObject>($"/api/v1/exports/runs/{id}/cancel", new { }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        await ApiClient.ProblemAsync(await app.Admin.PostJsonAsync($"/api/v1/exports/runs/{id}/cancel", new { }), HttpStatusCode.Conflict);
        Assert.Contains(await app.Admin.GetJsonAsync<JsonArray>($"/api/v1/exports/runs?specificationId={(string)spec["id"]!}"), r => (string?)r!["id"] == id);
    }

    [Fact]
    public async Task A_finished_runs_zip_downloads_with_ranges_to_its_team_only()
    {
        var runId = Guid.NewGuid();
        var zip = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        await app.Services.GetRequiredService<MedVid.Storage.IBlobStore>().PutAsync(TeamBlobs.ExportZip(app.Admin.TeamId, runId), new MemoryStream(zip), "application/zip");
        await app.StoreGrainAsync(GrainTypeNames.ExportRun, new ExportRunState
        {
            Created = true, TeamId = app.Admin.TeamId, SpecificationId = Guid.NewGuid(), Status = ExportRunStatus.Succeeded, CreatedAt = DateTimeOffset.UtcNow,
            Package = new ExportPackage
            {
                ZipBlob = TeamBlobs.ExportZip(app.Admin.TeamId, runId), Bytes = zip.Length, Sha256 = "s", Videos = 4, PackagedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            },
        }, runId);
        var url = $"/api/v1/exports/runs/{runId}/download";

        using var whole = await app.Admin.GetAsync(url);
        Assert.Equal((HttpStatusCode.OK, "application/zip"), (whole.StatusCode, whole.Content.Headers.ContentType?.MediaType));
        Assert.Equal(zip, await whole.Content.ReadAsByteArrayAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var part = await app.Admin.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("bytes 100-199/5000", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(zip[100..200], await part.Content.ReadAsByteArrayAsync());

        await ApiClient.ProblemAsync(await app.B.GetAsync(url), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await app.Rater.GetAsync(url), HttpStatusCode.Forbidden);
    }
}
