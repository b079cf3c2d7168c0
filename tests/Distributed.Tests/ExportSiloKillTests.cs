using System.IO.Compression;
using System.Text.Json;
using MedVid.Distributed.Tests.Infrastructure;
using MedVid.Grains.Runtime;
using Xunit.Abstractions;

namespace MedVid.Distributed.Tests;

/// <summary>
/// Two silo processes on PostgreSQL share one every-second schedule: one export run per occurrence. Then the silo holding an export run is SIGKILLed after the run's first label finished generating and while its second
/// label generates: the other silo's reminder wakes the run, which finishes with one generation job per label (the
/// finished label is not generated again) and a zip holding every label's videos.
/// </summary>
public sealed class ExportSiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int VideosPerLabel = 6;

    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(ExportSiloKillTests), new Dictionary<string, string>
        {
            ["GrainCluster__MinimumReminderPeriod"] = "00:00:01",
            ["Exports__TickPeriod"] = "00:00:02",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task Two_silo_processes_start_one_run_per_occurrence_and_a_run_whose_silo_was_killed_finishes_on_the_other_without_regenerating() => _cluster.RunAsync(async () =>
    {
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        await using var observer = await ClusterObserver.ConnectAsync(_cluster);
        // One CPU slot: the two labels' jobs run one after the other.
        _cluster.StartHost("host-a", "host-a", cpuSlots: 1, simulatedGpus: 1);
        await HostLossTests.WaitForHostAsync(silos[0], "host-a", "Online", TimeSpan.FromSeconds(60));
        var dataset = await PhantomDatasets.CuratedAsync(silos[0], "export source");
        var training = await silos[0].PostJsonAsync("/api/v1/training-runs", PhantomDatasets.TinyRun(dataset, 40, checkpointEvery: 20));
        var trained = await PhantomDatasets.WaitRunFinishedAsync(silos[0], $"/api/v1/training-runs/{training.Str("id")}");
        Assert.True(trained.Str("status") == "Succeeded", $"the training run ended {trained.Str("status")}: {trained.Str("error")}");

        await OneRunPerOccurrenceAsync(silos, training.Str("id"));

        var spec = await silos[0].PostJsonAsync("/api/v1/exports/specifications", new
        {
            name = "kill test",
            source = new { trainingRunId = training.Str("id") },
            labels = new[] { new { name = "first", prompt = "This is a ultrasound video." }, new { name = "second", prompt = "This is a endoscopy video." } },
            videosPerLabel = VideosPerLabel,
            sampling = new { steps = 20, frames = 4, width = 32, height = 32, gpus = 0 },
        });
        var run = await silos[0].PostJsonAsync($"/api/v1/exports/specifications/{spec.Str("id")}/runs", new { });
        var runId = Guid.Parse(run.Str("id"));
        var runUrl = $"/api/v1/exports/runs/{runId}";

        var mid = await Eventually.WaitForAsync("one label generated and the other not yet", TimeSpan.FromMinutes(3), async () =>
        {
            var view = await silos[0].GetJsonAsync(runUrl);
            var statuses = view.GetProperty("labels").EnumerateArray().Select(l => l.Str("status")).ToList();
            return (statuses.Count(s => s == "Succeeded") == 1 && view.Str("status") == "Generating", view, string.Join(", ", statuses));
        }, TimeSpan.FromMilliseconds(100));
        var jobsBefore = await ExportJobsAsync(silos[0], runId);
        var port = Assert.Single(await observer.ActivationSiloPortsAsync(GrainTypeNames.ExportRun, runId));
        var victim = _cluster.Silos.Single(s => s.Value.SiloPort == port).Key;
        _cluster.Silos[victim].Process.Kill();
        var survivor = silos[victim == "silo-a" ? 1 : 0];
        output.WriteLine($"killed {victim}, which held the export run ({mid.GetProperty("labels")}); jobs then: {string.Join(", ", jobsBefore)}");

        var done = await Eventually.WaitForAsync("the export run to finish on the surviving silo", TimeSpan.FromMinutes(4), async () =>
        {
            var view = await survivor.GetJsonAsync(runUrl);
            return (view.Str("status") is "Succeeded" or "Failed" or "Cancelled", view, view.Str("status"));
        }, TimeSpan.FromMilliseconds(500));
        Assert.True(done.Str("status") == "Succeeded", $"the export run ended {done.Str("status")}: {done.Str("error")}");

        var jobsAfter = await ExportJobsAsync(survivor, runId);
        Assert.Equal(2, jobsAfter.Count); // one job per label: nothing was started twice
        Assert.Subset(jobsAfter.ToHashSet(), jobsBefore.ToHashSet());
        var zipFile = Path.Combine(_cluster.WorkRoot, "export.zip");
        await survivor.DownloadAsync($"{runUrl}/download", zipFile);
        using var zip = ZipFile.OpenRead(zipFile);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var labels = manifest.RootElement.EnumerateArray().GroupBy(r => r.Str("label")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["first"] = VideosPerLabel, ["second"] = VideosPerLabel }, labels);
    });

    /// <summary>
    /// Two silo processes and a schedule firing every second: each occurrence the schedule recorded as started has exactly
    /// one run. The runs ask for 8 GPUs no host has, so they wait in the queue; they are cancelled afterwards.
    /// </summary>
    private async Task OneRunPerOccurrenceAsync(ApiClient[] silos, string trainingRunId)
    {
        var spec = await silos[0].PostJsonAsync("/api/v1/exports/specifications", new
        {
            name = "every second",
            source = new { trainingRunId },
            labels = new[] { new { name = "echo", prompt = "This is a ultrasound video." } },
            videosPerLabel = 1,
            sampling = new { steps = 2, frames = 4, width = 32, height = 32, gpus = 8 },
        });
        var schedule = await silos[1].PostJsonAsync("/api/v1/export-schedules", new { specificationId = spec.Str("id"), cron = "* * * * * *", timeZone = "UTC" });
        await Eventually.WaitForAsync("five occurrences", TimeSpan.FromSeconds(60), async () =>
        {
            var history = await silos[0].GetJsonAsync($"/api/v1/export-schedules/{schedule.Str("id")}/history");
            return (history.GetArrayLength() >= 5, 0, $"{history.GetArrayLength()} occurrences");
        }, TimeSpan.FromMilliseconds(500));
        await silos[0].PostJsonAsync($"/api/v1/export-schedules/{schedule.Str("id")}/pause", new { });
        await Task.Delay(TimeSpan.FromSeconds(2)); // a tick already under way ends
        var started = (await silos[1].GetJsonAsync($"/api/v1/export-schedules/{schedule.Str("id")}/history")).EnumerateArray()
            .Where(h => h.Str("outcome") == "Started").Select(h => h.GetProperty("occurrence").GetDateTimeOffset()).Order().ToList();
        var runs = (await silos[0].GetJsonAsync($"/api/v1/exports/runs?specificationId={spec.Str("id")}")).EnumerateArray().ToList();
        var occurrences = runs.Select(r => r.GetProperty("trigger").GetProperty("occurrence").GetDateTimeOffset()).Order().ToList();
        output.WriteLine($"{started.Count} occurrences started, {runs.Count} runs");
        Assert.True(started.Count >= 5, $"only {started.Count} occurrences started");
        Assert.Equal(started, occurrences);
        foreach (var run in runs) await silos[0].PostJsonAsync($"/api/v1/exports/runs/{run.Str("id")}/cancel", new { });
    }

    /// <summary>The ids of the generation jobs the run started.</summary>
    private static async Task<List<string>> ExportJobsAsync(ApiClient client, Guid runId) =>
        [.. (await client.GetJsonAsync("/api/v1/generation-jobs")).EnumerateArray()
            .Where(j => j.TryGetProperty("exportRunId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == runId)
            .Select(j => j.Str("id"))];
}
