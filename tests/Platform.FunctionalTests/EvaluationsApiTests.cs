using System.Net.Http.Json;
using MedVid.Phantoms;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// An evaluation of a generation job's videos against a dataset version runs as a work item on the embedded host and
/// serves its summary (metric means beside the real clips', Fréchet distance, near-copies) and a per-video report.
/// </summary>
public sealed class EvaluationsApiTests(EvaluationsApiTests.GeneratedVideos data) : IClassFixture<EvaluationsApiTests.GeneratedVideos>
{
    /// <summary>
    /// Curated phantoms, a tiny run trained on them, a finished generation job of four videos, and a host given I3D
    /// weights (random ones of the right names and shapes: real weights cannot be downloaded here).
    /// </summary>
    public sealed class GeneratedVideos : IAsyncLifetime
    {
        public GeneratedVideos()
        {
            I3dWeights = Path.Combine(Path.GetTempPath(), $"medvid-i3d-{Guid.NewGuid():N}.safetensors");
            using var network = new MedVid.Models.I3d.InceptionI3d();
            MedVid.Engine.Serialization.SafeTensors.Save(I3dWeights,
                network.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToDictionary());
            App = new SqliteApp { I3dWeights = I3dWeights };
        }

        public SqliteApp App { get; }
        public string I3dWeights { get; }
        public Guid DatasetId { get; private set; }
        public string JobId { get; private set; } = "";
        public string RunId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)App).InitializeAsync();
            // Four sources, so that the real side has enough clips for a covariance (the Fréchet distance needs two or more).
            DatasetId = await Seed.CuratedPhantomsAsync(App.Admin, "evaluation phantoms", PhantomCatalog.Demo(seed: 11).Take(4).ToList());
            var run = await App.Admin.PostJsonAsync<JsonObject>("/api/v1/training-runs", new
            {
                datasetId = DatasetId, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps = 30, gpus = 0,
                hyperparameters = new Dictionary<string, double>
                {
                    ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 5,
                    ["checkpoint_every"] = 30, ["keep_checkpoints"] = 1, ["sample_steps"] = 1, ["seed"] = 3, ["probe_every"] = 0,
                },
            });
            RunId = (string)run["id"]!;
            var trained = await WaitAsync(App.Admin, $"/api/v1/training-runs/{RunId}", TimeSpan.FromMinutes(3));
            if ((string?)trained["status"] != "Succeeded") throw new InvalidOperationException($"training {trained["status"]}: {trained["error"]}");
            var job = await App.Admin.PostJsonAsync<JsonObject>("/api/v1/generation-jobs", new
            {
                trainingRunId = RunId, prompts = new[] { "an ultrasound video", "an endoscopy video" }, countPerPrompt = 2,
                seeds = new[] { 1L, 2L, 3L, 4L }, sampler = "ddim", steps = 2, guidance = 2.0, frames = 4, width = 32, height = 32, gpus = 0,
            });
            JobId = (string)job["id"]!;
            var generated = await WaitAsync(App.Admin, $"/api/v1/generation-jobs/{JobId}", TimeSpan.FromMinutes(2));
            if ((string?)generated["status"] != "Succeeded") throw new InvalidOperationException($"generation {generated["status"]}: {generated["error"]}");
        }

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)App).DisposeAsync();
            File.Delete(I3dWeights);
        }
    }

    private ApiClient Admin => data.App.Admin;

    [Fact]
    public async Task An_evaluation_measures_the_jobs_videos_beside_the_real_clips_and_stores_a_per_video_report()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 1, referenceSplit = "train" });
        Assert.Equal("Queued", (string?)started["status"]);
        Assert.Equal(data.RunId, (string?)started["trainingRunId"]);
        Assert.Equal(30, (long)started["checkpointStep"]!);

        var done = await WaitAsync(Admin, $"/api/v1/evaluations/{started["id"]}", TimeSpan.FromMinutes(2));
        Assert.True((string?)done["status"] == "Succeeded", $"evaluation ended {done["status"]}: {done["error"]}");
        var result = done["result"]!;
        Assert.Equal(4, (int)result["generatedCount"]!);
        Assert.True((int)result["referenceCount"]! >= 2, $"reference clips: {result["referenceCount"]}");
        Assert.Equal((int)result["referenceCount"]!, (int)result["trainingCount"]!); // referenceSplit train: the same clips
        Assert.True((double)result["frechetDistance"]! > 0, $"Fréchet distance {result["frechetDistance"]}");
        Assert.Equal("pixel-statistics-v1", (string?)result["frechetEncoder"]);
        // The second distance needs an encoder trained on two or more modalities of two or more training clips each; this
        // small curated version keeps two clips (the balance caps every modality at the smallest), so the evaluation
        // says why it has none instead of a number (the trained case: LabelTrainedEncoderTests).
        Assert.StartsWith("none: ", (string?)result["learnedEncoder"]);
        Assert.Contains("a learned encoder needs two or more", (string?)result["learnedEncoder"]);
        Assert.Null(result["learnedFrechetDistance"]);
        // The host has I3D weights: a third distance, named by the weights' hash.
        Assert.StartsWith("i3d-kinetics400-logits@sha256:", (string?)result["i3dEncoder"]);
        Assert.True((double)result["i3dFrechetDistance"]! > 0, $"I3D Fréchet distance {result["i3dFrechetDistance"]}");
        // "an ultrasound video" and "an endoscopy video" are phantom prompts: the estimators read all four videos back.
        Assert.Equal(4, (int)(double)result["phantomAdherence"]!["videos"]!);
        Assert.InRange((double)result["phantomAdherence"]!["modality_acc"]!, 0, 1);
        foreach (var name in new[] { "flicker_mad", "frame_consistency", "sharpness", "noise_sigma", "mean_motion_px" })
        {
            Assert.True(result["generatedMeans"]!.AsObject().ContainsKey(name), $"no generated mean of {name}");
            Assert.True(result["referenceMeans"]!.AsObject().ContainsKey(name), $"no reference mean of {name}");
        }
        // A 30-step model's 2-step samples are not copies of real clips.
        Assert.Equal(0, (int)result["nearCopies"]!);

        var reportBlob = (string)result["reportBlob"]!;
        Assert.Contains(reportBlob, data.App.BlobFiles());
        var report = await Admin.GetJsonAsync<JsonObject>($"/api/v1/blobs/{reportBlob}");
        var videos = report["generated"]!.AsArray();
        Assert.Equal(4, videos.Count);
        Assert.All(videos, v => Assert.False(string.IsNullOrEmpty((string?)v!["nearestTrainingId"])));
        Assert.Equal(["an ultrasound video", "an ultrasound video", "an endoscopy video", "an endoscopy video"], videos.Select(v => (string?)v!["prompt"]));
        var phantoms = report["phantoms"]!;
        Assert.Equal(["an ultrasound video", "an endoscopy video"], phantoms["prompts"]!.AsArray().Select(p => (string?)p!["prompt"]));
        Assert.Equal(["ultrasound", "ultrasound", "endoscopy", "endoscopy"], phantoms["videos"]!.AsArray().Select(v => (string?)v!["askedModality"]));

        var listed = await Admin.GetJsonAsync<JsonArray>($"/api/v1/evaluations?trainingRunId={data.RunId}");
        Assert.Contains(listed, e => (string?)e!["id"] == (string?)started["id"]);
    }

    [Fact]
    public async Task An_evaluation_of_a_checkpoint_makes_its_videos_with_the_given_seeds_then_measures_them()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/evaluations", new
        {
            datasetId = data.DatasetId, datasetVersion = 1, referenceSplit = "train",
            checkpoint = new { trainingRunId = data.RunId, checkpointStep = 30, prompts = new[] { "an endoscopy video" }, countPerPrompt = 2, steps = 2, seed = 5 },
        });
        Assert.Equal(30, (long)started["checkpointStep"]!);
        var done = await WaitAsync(Admin, $"/api/v1/evaluations/{started["id"]}", TimeSpan.FromMinutes(2));
        Assert.True((string?)done["status"] == "Succeeded", $"evaluation ended {done["status"]}: {done["error"]}");
        Assert.Equal(2, (int)done["result"]!["generatedCount"]!);

        // The videos were made by a generation job of its own, from that checkpoint, at the run's size, with seeds 5 and 6.
        var job = await Admin.GetJsonAsync<JsonObject>($"/api/v1/generation-jobs/{done["generationJobId"]}");
        Assert.Equal((string?)started["id"], (string?)job["evaluationId"]);
        Assert.Equal([5L, 6L], job["spec"]!["seeds"]!.AsArray().Select(s => (long)s!));
        Assert.Equal((30L, 32, 4), ((long)job["spec"]!["checkpointStep"]!, (int)job["spec"]!["width"]!, (int)job["spec"]!["frames"]!));
    }

    [Fact]
    public async Task A_run_that_asks_for_it_is_evaluated_at_every_checkpoint_it_kept_on_the_same_seeds()
    {
        var run = await Admin.PostJsonAsync<JsonObject>("/api/v1/training-runs", new
        {
            datasetId = data.DatasetId, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps = 20, gpus = 0,
            hyperparameters = new Dictionary<string, double>
            {
                ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 5,
                ["checkpoint_every"] = 10, ["keep_checkpoints"] = 2, ["sample_steps"] = 1, ["seed"] = 4, ["probe_every"] = 0,
            },
            evaluation = new { prompts = new[] { "an ultrasound video" }, countPerPrompt = 2, steps = 2, seed = 9, referenceSplit = "all" },
        });
        var trained = await WaitAsync(Admin, $"/api/v1/training-runs/{run["id"]}", TimeSpan.FromMinutes(3));
        Assert.True((string?)trained["status"] == "Succeeded", $"run ended {trained["status"]}: {trained["error"]}");

        JsonArray evaluations = [];
        await Poll.UntilAsync(async () =>
        {
            evaluations = await Admin.GetJsonAsync<JsonArray>($"/api/v1/evaluations?trainingRunId={run["id"]}");
            return evaluations.Count == 2 && evaluations.All(e => (string?)e!["status"] is "Succeeded" or "Failed" or "Cancelled");
        }, TimeSpan.FromMinutes(3), "the run's checkpoint evaluations did not both finish");
        Assert.All(evaluations, e => Assert.True((string?)e!["status"] == "Succeeded", $"evaluation ended {e["status"]}: {e["error"]}"));
        Assert.Equal([10L, 20L], evaluations.Select(e => (long)e!["checkpointStep"]!).Order());
        foreach (var evaluation in evaluations)
        {
            var job = await Admin.GetJsonAsync<JsonObject>($"/api/v1/generation-jobs/{evaluation!["generationJobId"]}");
            Assert.Equal([9L, 10L], job["spec"]!["seeds"]!.AsArray().Select(s => (long)s!));
        }
    }

    [Fact]
    public async Task An_evaluation_is_compared_with_the_experts_who_rated_the_same_videos()
    {
        var started = await Admin.PostJsonAsync<JsonObject>("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 1, referenceSplit = "train" });
        var done = await WaitAsync(Admin, $"/api/v1/evaluations/{started["id"]}", TimeSpan.FromMinutes(2));
        Assert.True((string?)done["status"] == "Succeeded", $"evaluation ended {done["status"]}: {done["error"]}");
        var report = await Admin.GetJsonAsync<JsonObject>($"/api/v1/blobs/{done["result"]!["reportBlob"]}");
        var sharpness = report["generated"]!.AsArray().ToDictionary(v => (string)v!["id"]!, v => (double)v!["metrics"]!["sharpness"]!);
        Assert.Equal(4, sharpness.Values.Distinct().Count());

        // One rater scores every criterion by the video's sharpness rank, so sharpness agrees perfectly with the experts.
        (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName = "eva-rater", role = "rater", password = "rater-password-1" })).EnsureSuccessStatusCode();
        var rater = await data.App.LoginAsync("eva-rater", "rater-password-1");
        var raterId = (string)(await rater.GetJsonAsync<JsonObject>("/api/v1/auth/me"))["userId"]!;
        var campaign = await Admin.PostJsonAsync<JsonObject>("/api/v1/rating-campaigns", new
        {
            name = "Realism of the evaluated videos", protocol = "ophora-seven-criteria", ratersPerItem = 1, raters = new[] { raterId },
            items = sharpness.Keys.Select(blob => new { videos = new[] { new { source = "Generated", blobPath = blob, model = "m30" } } }),
        });
        var blobOfItem = campaign["items"]!.AsArray().ToDictionary(i => (string)i!["itemId"]!, i => (string)i!["videos"]![0]!["blobPath"]!);
        var rank = sharpness.OrderBy(v => v.Value).Select((v, i) => (v.Key, i)).ToDictionary(x => x.Key, x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var task in (await rater.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{campaign["id"]}/queue"))["tasks"]!.AsArray())
        {
            var level = rank[blobOfItem[(string)task!["itemId"]!]];
            var ratings = new[] { "phase-matching", "phase-completeness", "construction-realism", "construction-stability", "action-realism", "action-logic", "action-effectiveness" }
                .ToDictionary(c => c, _ => level);
            (await rater.PutJsonAsync($"/api/v1/rating-campaigns/{campaign["id"]}/tasks/{task["itemId"]}/ratings", new { ratings })).EnsureSuccessStatusCode();
        }

        var agreement = await Admin.GetJsonAsync<JsonObject>($"/api/v1/evaluations/{started["id"]}/agreement?campaignId={campaign["id"]}");
        Assert.Equal((4, 4, "ophora-seven-criteria"), ((int)agreement["evaluatedVideos"]!, (int)agreement["matchedVideos"]!, (string?)agreement["protocol"]));
        var rows = agreement["agreements"]!.AsArray();
        var metricNames = report["generated"]!.AsArray().SelectMany(v => v!["metrics"]!.AsObject().Select(m => m.Key)).Distinct().Count();
        Assert.Equal(7 * metricNames, rows.Count); // every metric against every criterion
        var sharp = rows.Single(r => (string?)r!["metric"] == "sharpness" && (string?)r["criterion"] == "phase-matching")!;
        Assert.Equal((4, 1.0), ((int)sharp["videos"]!, (double)sharp["rho"]!));
        Assert.Contains("Spearman", (string?)agreement["method"]);
        var csv = await (await Admin.GetAsync($"/api/v1/evaluations/results.csv?generationJobId={data.JobId}")).Content.ReadAsStringAsync();
        Assert.Contains("sharpness_generated,sharpness_real", csv.Split("\r\n")[0]);
        Assert.Contains(csv.Split("\r\n"), line => line.StartsWith((string)started["id"]!, StringComparison.Ordinal) && line.Contains(",Succeeded,"));

        // Bad input: no campaign, a pairwise campaign (it scores no single video), an unknown evaluation.
        var agreementUrl = $"/api/v1/evaluations/{started["id"]}/agreement";
        await ApiClient.ProblemAsync(await Admin.GetAsync(agreementUrl), HttpStatusCode.BadRequest, "campaignId is required");
        var videos = sharpness.Keys.ToList();
        var pairwise = await Admin.PostJsonAsync<JsonObject>("/api/v1/rating-campaigns", new
        {
            name = "Pairs", protocol = "medgen-pairwise", ratersPerItem = 1, raters = new[] { raterId },
            items = new[] { new { videos = new[] { new { source = "Generated", blobPath = videos[0], model = "m1" }, new { source = "Generated", blobPath = videos[1], model = "m2" } } } },
        });
        await ApiClient.ProblemAsync(await Admin.GetAsync($"{agreementUrl}?campaignId={pairwise["id"]}"), HttpStatusCode.BadRequest, "compares pairs");
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/evaluations/{Guid.NewGuid()}/agreement?campaignId={campaign["id"]}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.GetAsync($"{agreementUrl}?campaignId={Guid.NewGuid()}"), HttpStatusCode.NotFound, "rating campaign does not exist");
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var before = (await Admin.GetJsonAsync<JsonArray>("/api/v1/evaluations")).Count;
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 1, referenceSplit = "held-out" }),
            HttpStatusCode.BadRequest, "Unknown referenceSplit 'held-out'; known: test, train, all.");
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations",
            new { generationJobId = Guid.NewGuid(), datasetId = data.DatasetId, datasetVersion = 1 }),
            HttpStatusCode.NotFound, "generation job does not exist");
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 9 }),
            HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 0 }),
            HttpStatusCode.BadRequest, "datasetVersion must be 1 or more.");
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations",
            new { generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 1, labelKey = new string('x', 101) }),
            HttpStatusCode.BadRequest, "labelKey may have at most 100 characters.");
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations", new
            {
                generationJobId = data.JobId, datasetId = data.DatasetId, datasetVersion = 1,
                checkpoint = new { trainingRunId = data.RunId, prompts = new[] { "an echo" } },
            }),
            HttpStatusCode.BadRequest, "Give one of generationJobId (its videos are evaluated), checkpoint (videos are made from it) or exportRunId (an export's videos).");
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/evaluations", new
            {
                datasetId = data.DatasetId, datasetVersion = 1, checkpoint = new { trainingRunId = data.RunId, checkpointStep = 7, prompts = new[] { "an echo" } },
            }),
            HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await Admin.Http.PostAsJsonAsync("/api/v1/training-runs", new
            {
                datasetId = data.DatasetId, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps = 10, gpus = 0,
                evaluation = new { prompts = Array.Empty<string>() },
            }),
            HttpStatusCode.BadRequest, "evaluation.prompts: give 1 to 64 prompts");
        await ApiClient.ProblemAsync(await Admin.Http.GetAsync($"/api/v1/evaluations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "evaluation does not exist");
        Assert.Equal(before, (await Admin.GetJsonAsync<JsonArray>("/api/v1/evaluations")).Count);
    }

    private static async Task<JsonObject> WaitAsync(ApiClient client, string url, TimeSpan timeout)
    {
        JsonObject entity = null!;
        await Poll.UntilAsync(async () =>
        {
            entity = await client.GetJsonAsync<JsonObject>(url);
            return (string?)entity["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, timeout, $"{url} did not finish");
        return entity;
    }
}
