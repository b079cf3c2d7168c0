using MedVid.Phantoms;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Training and generation through the API on the embedded compute host: a tiny text-conditioned model trains on
/// curated phantom clips (VAE stage, then diffusion), its loss falls, it stores a checkpoint with sample videos, and a
/// generation job turns prompts into playable MP4s with their provenance. Cancel stops a run mid-way.
/// </summary>
public sealed class TrainingGenerationTests(TrainingGenerationTests.CuratedPhantoms data) : IClassFixture<TrainingGenerationTests.CuratedPhantoms>
{
    /// <summary>A dataset of an echo and an endoscopy phantom, curated into version 1.</summary>
    public sealed class CuratedPhantoms : IAsyncLifetime
    {
        public SqliteApp App { get; } = new();
        public Guid DatasetId { get; private set; }

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)App).InitializeAsync();
            DatasetId = await Seed.CuratedPhantomsAsync(App.Admin, "training phantoms");
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private ApiClient Admin => data.App.Admin;

    private object TinyRun(long steps, object hyperparameters) => new
    {
        datasetId = data.DatasetId, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps = steps, gpus = 0, hyperparameters,
    };

    [Fact]
    public async Task A_tiny_model_trains_on_phantoms_its_loss_falls_and_a_generation_job_writes_playable_mp4s()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/training-runs", TinyRun(200, new Dictionary<string, double>
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 20,
            ["checkpoint_every"] = 100, ["keep_checkpoints"] = 1, ["sample_steps"] = 4, ["seed"] = 3, ["phantom_readout"] = 1,
        }));
        var runUrl = $"/api/v1/training-runs/{(string)started["id"]!}";
        var run = await WaitAsync(runUrl, TimeSpan.FromMinutes(4));
        Assert.True((string?)run["status"] == "Succeeded", $"run ended {run["status"]}: {run["error"]}");
        Assert.Equal(200, (long)run["step"]!);
        // The phantom read-out: one sample per modality of the data (its clips are all endoscopy), read back by the
        // phantom estimators; what they read is this tiny model's business, that the run reports it is the feature's.
        var metrics = run["metrics"]!;
        Assert.True(metrics["sample_read_as_prompted_endoscopy"] is JsonValue endoscopy && (double)endoscopy is 0 or 1, metrics.ToJsonString());
        Assert.Equal((double)metrics["sample_read_as_prompted_endoscopy"]!, (double)metrics["samples_read_as_prompted"]!);

        // The diffusion stage's loss falls: its last points are below its first (progress is sampled every 500 ms).
        var history = (await Admin.GetJsonAsync<JsonArray>($"{runUrl}/metrics"))
            .Select(p => p!["values"]!).Where(v => (double?)v["stage_vae"] == 0).Select(v => (step: (double)v["step"]!, loss: (double)v["loss"]!)).ToList();
        var curve = string.Join(", ", history.Select(p => $"{p.step}:{p.loss:F3}"));
        Assert.True(history.Count >= 3, $"only {history.Count} diffusion points recorded: {curve}");
        var last = history.TakeLast(2).Average(p => p.loss);
        Assert.True(last < history[0].loss, $"diffusion loss did not fall: {curve}");

        // keep_checkpoints 1: only the step-200 checkpoint stays, with its sample videos; the step-100 blobs are gone.
        var checkpoint = Assert.Single(run["checkpoints"]!.AsArray())!;
        Assert.Equal(200, (long)checkpoint["step"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string?)checkpoint["modelSha256"]);
        var blobs = data.App.BlobFiles();
        Assert.DoesNotContain(blobs, b => b.Contains("/checkpoints/00000100/"));
        Assert.Contains(blobs, b => b.Contains("/checkpoints/00000200/model.safetensors"));
        Assert.NotEmpty(checkpoint["sampleVideos"]!.AsArray());
        foreach (var sample in checkpoint["sampleVideos"]!.AsArray()) Assert.Contains((string)sample!, blobs);

        var job = await Admin.PostJsonAsync<JsonObject>("/api/v1/generation-jobs", new
        {
            trainingRunId = run["id"]!.GetValue<string>(), prompts = new[] { "This is a ultrasound video.", "an endoscopy video" }, countPerPrompt = 1,
            seeds = new[] { 5L, 6L }, sampler = "ddim", steps = 5, guidance = 2.0, frames = 4, width = 48, height = 32, gpus = 0, // not square
        });
        var finished = await WaitAsync($"/api/v1/generation-jobs/{(string)job["id"]!}", TimeSpan.FromMinutes(2));
        Assert.True((string?)finished["status"] == "Succeeded", $"generation ended {finished["status"]}: {finished["error"]}");
        var videos = JsonNode.Parse((string)finished["resultJson"]!)!["Videos"]!.AsArray();
        Assert.Equal(2, videos.Count);
        foreach (var video in videos)
        {
            Assert.Equal(200, (long)video!["CheckpointStep"]!);
            Assert.Equal((string?)checkpoint["modelSha256"], (string?)video["CheckpointSha256"]);
            var bytes = await Admin.Http.GetByteArrayAsync($"/api/v1/blobs/{(string)video["Blob"]!}");
            var file = Path.Combine(data.App.Root, $"generated-{Guid.NewGuid():N}.mp4");
            await File.WriteAllBytesAsync(file, bytes);
            var probe = await TestVideos.RunAsync("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file);
            Assert.Equal("h264,48,32,4", probe.Trim());
            var provenance = JsonNode.Parse(await Admin.Http.GetStringAsync($"/api/v1/blobs/{((string)video["Blob"]!)[..^4]}.json"))!;
            Assert.Equal((48, 32), ((int)provenance["Width"]!, (int)provenance["Height"]!));
            Assert.Equal((string?)video["Prompt"], (string?)provenance["Prompt"]);
            Assert.Equal((long)video["Seed"]!, (long)provenance["Seed"]!);
        }
        Assert.Equal([5L, 6L], videos.Select(v => (long)v!["Seed"]!));
    }

    [Fact]
    public async Task A_running_run_lists_its_checkpoints_as_they_are_stored_and_generates_from_the_newest()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/training-runs", TinyRun(100_000, new Dictionary<string, double>
        {
            // Every checkpoint kept: the one a job resolves must still be there when the job downloads it.
            ["frames"] = 4, ["resolution"] = 32, ["vae_steps"] = 1, ["checkpoint_every"] = 10, ["keep_checkpoints"] = 100, ["sample_steps"] = 1,
        }));
        var runUrl = $"/api/v1/training-runs/{(string)started["id"]!}";
        try
        {
            JsonObject running = null!;
            await Poll.UntilAsync(async () =>
            {
                running = await Admin.GetJsonAsync<JsonObject>(runUrl);
                Assert.True((string?)running["status"] is "Queued" or "Running", $"run ended {running["status"]}: {running["error"]}");
                return running["checkpoints"]!.AsArray().Count >= 2;
            }, TimeSpan.FromMinutes(3), "the running run listed no two checkpoints");
            var steps = running["checkpoints"]!.AsArray().Select(c => (long)c!["step"]!).ToList();
            Assert.True(steps.All(s => s % 10 == 0) && steps.SequenceEqual(steps.Order()), $"checkpoints listed: {string.Join(", ", steps)}");

            // A generation job takes the newest stored checkpoint while the run trains on (it runs once the run, which
            // holds the test host's one CPU slot, is cancelled; the checkpoint stays).
            var job = await Admin.PostJsonAsync<JsonObject>("/api/v1/generation-jobs", new
            {
                trainingRunId = started["id"]!.GetValue<string>(), prompts = new[] { "an endoscopy video" }, countPerPrompt = 1, sampler = "ddim",
                steps = 2, guidance = 1.0, frames = 4, width = 32, height = 32, gpus = 0,
            });
            await Admin.PostJsonAsync<JsonObject>($"{runUrl}/cancel", new { }, HttpStatusCode.OK);
            var generated = await WaitAsync($"/api/v1/generation-jobs/{(string)job["id"]!}", TimeSpan.FromMinutes(2));
            Assert.True((string?)generated["status"] == "Succeeded", $"generation ended {generated["status"]}: {generated["error"]}");
            var video = JsonNode.Parse((string)generated["resultJson"]!)!["Videos"]!.AsArray().Single()!;
            Assert.True((long)video["CheckpointStep"]! >= steps[^1], $"generated from step {video["CheckpointStep"]}, newest listed {steps[^1]}");
        }
        finally
        {
            await Admin.Http.PostAsync($"{runUrl}/cancel", null); // 409 when already cancelled
        }
    }

    [Fact]
    public async Task A_running_run_can_be_cancelled_and_generation_from_it_is_refused()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/training-runs", TinyRun(100_000, new Dictionary<string, double>
        {
            ["frames"] = 4, ["resolution"] = 32, ["vae_steps"] = 1, ["checkpoint_every"] = 1_000_000,
        }));
        var runUrl = $"/api/v1/training-runs/{(string)started["id"]!}";
        await Poll.UntilAsync(async () =>
        {
            var current = await Admin.GetJsonAsync<JsonObject>(runUrl);
            Assert.True((string?)current["status"] is "Queued" or "Running", $"run ended {current["status"]}: {current["error"]}");
            return (long)current["step"]! > 2;
        }, TimeSpan.FromMinutes(3), "the run never reported progress");
        var cancelled = await Admin.PostJsonAsync<JsonObject>($"{runUrl}/cancel", new { }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        var workItem = (string)cancelled["workItemId"]!;
        await Poll.UntilAsync(async () => (string?)(await Admin.GetJsonAsync<JsonObject>($"/api/v1/work-items/{workItem}"))["state"] == "Cancelled",
            TimeSpan.FromSeconds(60), "the work item was not cancelled");
        var stepAtCancel = (long)(await Admin.GetJsonAsync<JsonObject>(runUrl))["step"]!;
        Assert.True(stepAtCancel < 100_000);
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync("/api/v1/generation-jobs", new
        {
            trainingRunId = started["id"]!.GetValue<string>(), prompts = new[] { "x" }, countPerPrompt = 1, sampler = "ddim", steps = 2,
            guidance = 1.0, frames = 2, width = 32, height = 32, gpus = 0,
        }), HttpStatusCode.Conflict, "a finished run or a stored checkpoint is needed");
    }

    private async Task<JsonObject> WaitAsync(string url, TimeSpan timeout)
    {
        JsonObject entity = null!;
        await Poll.UntilAsync(async () =>
        {
            entity = await Admin.GetJsonAsync<JsonObject>(url);
            return (string?)entity["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, timeout, $"{url} did not finish");
        return entity;
    }
}
