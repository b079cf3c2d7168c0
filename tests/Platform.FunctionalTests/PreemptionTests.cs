namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Reclaim by preemption on the embedded platform. Its compute host reports two simulated GPUs (the work really runs on
/// the CPU: only the capacity report is not real). Team A, guaranteed 1 GPU, borrows the second; team B, guaranteed 1,
/// submits; one of A's runs writes a checkpoint, gives its GPU back, waits, and resumes to its full step count.
/// </summary>
public sealed class PreemptionTests(PreemptionTests.TwoTeamsOnTwoGpus world) : IClassFixture<PreemptionTests.TwoTeamsOnTwoGpus>
{
    public sealed class SimulatedGpuApp : SqliteApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ComputeHost:SimulatedGpus", "2");
        }
    }

    /// <summary>Teams A (the bootstrap team) and B, each guaranteed 1 GPU with no minimum runtime, each with curated phantoms.</summary>
    public sealed class TwoTeamsOnTwoGpus : IAsyncLifetime
    {
        public SimulatedGpuApp App { get; } = new();
        public ApiClient TeamA { get; private set; } = null!;
        public ApiClient TeamB { get; private set; } = null!;
        public Guid DatasetA { get; private set; }
        public Guid DatasetB { get; private set; }

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)App).InitializeAsync();
            TeamA = App.Admin;
            var teamB = await TeamA.PostJsonAsync<JsonObject>("/api/v1/teams", new { name = "Team B", gpuQuota = 1 });
            TeamB = await App.LoginAsync(MedVidApp.AdminUser, MedVidApp.AdminPassword, Guid.Parse((string)teamB["id"]!));
            foreach (var team in new[] { TeamA.TeamId, TeamB.TeamId })
                (await TeamA.PutJsonAsync($"/api/v1/teams/{team}/gpu-quota", new { gpus = 1, minimumRuntimeMinutes = 0 })).EnsureSuccessStatusCode();
            DatasetA = await Seed.CuratedPhantomsAsync(TeamA, "team A phantoms");
            DatasetB = await Seed.CuratedPhantomsAsync(TeamB, "team B phantoms");
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private static object Run(Guid dataset, long steps) => new
    {
        datasetId = dataset, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps = steps, gpus = 1,
        hyperparameters = new Dictionary<string, double>
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 5,
            ["checkpoint_every"] = 1000, ["keep_checkpoints"] = 3, ["sample_steps"] = 2, ["seed"] = 3, ["probe_every"] = 0,
        },
    };

    [Fact]
    public async Task A_borrowed_run_checkpoints_gives_its_gpu_back_to_the_guaranteed_team_and_resumes_to_its_full_step_count()
    {
        var a = world.TeamA;
        const long steps = 400;
        var first = await a.PostJsonAsync<JsonObject>("/api/v1/training-runs", Run(world.DatasetA, steps));
        var second = await a.PostJsonAsync<JsonObject>("/api/v1/training-runs", Run(world.DatasetA, steps));
        var aRuns = new[] { first, second }.Select(r => (Run: $"/api/v1/training-runs/{r["id"]}", Item: $"/api/v1/work-items/{r["workItemId"]}")).ToList();
        // Both of A's runs hold a simulated GPU (one of them borrowed) and are in their diffusion stage.
        await Poll.UntilAsync(async () =>
        {
            foreach (var (run, _) in aRuns)
            {
                var view = await a.GetJsonAsync<JsonObject>(run);
                if ((string?)view["stage"] != "diffusion" || (long)view["step"]! < 30) return false;
            }
            return true;
        }, TimeSpan.FromMinutes(3), "team A's two runs did not both reach diffusion step 30");

        // Team B asks for its guaranteed GPU.
        var b = await world.TeamB.PostJsonAsync<JsonObject>("/api/v1/training-runs", Run(world.DatasetB, 20));
        var bRun = $"/api/v1/training-runs/{b["id"]}";

        JsonObject preemptedItem = null!;
        await Poll.UntilAsync(async () =>
        {
            foreach (var (_, item) in aRuns)
            {
                preemptedItem = await a.GetJsonAsync<JsonObject>(item);
                if (preemptedItem["preemptions"]!.AsArray().Count > 0) return true;
            }
            return false;
        }, TimeSpan.FromMinutes(1), "neither of team A's runs was preempted");
        var victim = aRuns.Single(r => r.Item.EndsWith((string)preemptedItem["id"]!, StringComparison.Ordinal));
        var record = preemptedItem["preemptions"]![0]!;
        Assert.Equal("Team B", (string?)record["byTeamName"]);
        Assert.Equal((string?)b["workItemId"], (string?)record["forWorkItemId"]);
        Assert.False((bool)record["forced"]!);
        var stoppedAt = (long)record["step"]!;
        Assert.InRange(stoppedAt, 30, steps - 1);

        // When it runs again, its first report is already past the checkpoint: no VAE stage, no step trained twice.
        JsonObject again = null!;
        await Poll.UntilAsync(async () =>
        {
            again = await a.GetJsonAsync<JsonObject>(victim.Item);
            return (int)again["attempt"]! == 2 && again["metrics"]!.AsObject().ContainsKey("step");
        }, TimeSpan.FromMinutes(4), "the preempted run did not run again");
        Assert.Equal(0, (double)again["metrics"]!["stage_vae"]!);
        Assert.True((double)again["metrics"]!["step"]! > stoppedAt, $"resumed at {again["metrics"]!["step"]}, stopped at {stoppedAt}");

        var bDone = await WaitFinishedAsync(world.TeamB, bRun);
        Assert.True((string?)bDone["status"] == "Succeeded", $"team B's run ended {bDone["status"]}: {bDone["error"]}");
        foreach (var (run, _) in aRuns)
        {
            var done = await WaitFinishedAsync(a, run);
            Assert.True((string?)done["status"] == "Succeeded", $"team A's run ended {done["status"]}: {done["error"]}");
            Assert.Equal(steps, (long)done["step"]!);
        }

        var resumed = (await a.GetJsonAsync<JsonObject>(victim.Item))["preemptions"]![0]!;
        Assert.NotNull((string?)resumed["resumedAt"]);
        Assert.Equal(2, (int)(await a.GetJsonAsync<JsonObject>(victim.Item))["attempt"]!);

        // The metric history continues across the preemption: one curve, no step reported twice (a restart from scratch
        // would report the early steps again), and training made progress over the whole run. Single-batch losses are
        // too noisy to compare a few points just after the resume (bit-identical resume is proven in TrainingRunnerTests).
        var history = (await a.GetJsonAsync<JsonArray>($"{victim.Run}/metrics")).Select(p => p!["values"]!)
            .Where(v => (double?)v["stage_vae"] == 0).Select(v => (Step: (long)(double)v["step"]!, Loss: (double)v["loss"]!)).ToList();
        var curve = string.Join(", ", history.Select(p => $"{p.Step}:{p.Loss:F3}"));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.Second.Step > p.First.Step), $"a step was reported twice: {curve}");
        Assert.Contains(history, p => p.Step > stoppedAt);
        Assert.True(history.TakeLast(3).Average(p => p.Loss) < history.Take(3).Average(p => p.Loss), $"the loss did not fall over the run: {curve}");
    }

    [Fact]
    public async Task A_minimum_runtime_out_of_range_is_refused_and_the_team_keeps_its_settings()
    {
        var url = $"/api/v1/teams/{world.TeamB.TeamId}/gpu-quota";
        await ApiClient.ProblemAsync(await world.TeamA.PutJsonAsync(url, new { gpus = 3, minimumRuntimeMinutes = 5000 }),
            System.Net.HttpStatusCode.BadRequest, "A minimum runtime must be between 0 and 1440 minutes.");
        await ApiClient.ProblemAsync(await world.TeamA.PutJsonAsync(url, new { gpus = 3, minimumRuntimeMinutes = "soon" }),
            System.Net.HttpStatusCode.BadRequest);
        var team = await world.TeamB.GetJsonAsync<JsonObject>("/api/v1/teams/current");
        Assert.Equal((1, 0), ((int)team["gpuQuota"]!, (int)team["minimumRuntimeMinutes"]!));
    }

    private static async Task<JsonObject> WaitFinishedAsync(ApiClient client, string url)
    {
        JsonObject entity = null!;
        await Poll.UntilAsync(async () =>
        {
            entity = await client.GetJsonAsync<JsonObject>(url);
            return (string?)entity["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromMinutes(5), $"{url} did not finish");
        return entity;
    }
}
