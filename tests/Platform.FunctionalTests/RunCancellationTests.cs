namespace MedVid.Platform.FunctionalTests;

public sealed class RunCancellationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private ApiClient Admin => app.Admin;

    [Fact]
    public async Task Queued_training_run_waits_for_a_train_host_and_can_be_cancelled_once()
    {
        var run = await Seed.QueuedTrainingRunAsync(app, Admin, "cancel me");
        Assert.Equal("Queued", (string?)run["status"]);
        var runUrl = $"/api/v1/training-runs/{(string)run["id"]!}";
        var itemUrl = $"/api/v1/work-items/{(string)run["workItemId"]!}";

        var item = await Admin.GetJsonAsync<JsonObject>(itemUrl);
        Assert.Equal("Queued", (string?)item["state"]);
        Assert.Equal("train", (string?)item["kind"]);
        Assert.Contains("no online host", (string?)item["waitReason"]);
        Assert.NotNull((int?)item["queuePosition"]);

        var cancelled = await Admin.PostJsonAsync<JsonObject>($"{runUrl}/cancel", new { }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        Assert.Equal("Cancelled", (string?)(await Admin.GetJsonAsync<JsonObject>(runUrl))["status"]);
        Assert.Equal("Cancelled", (string?)(await Admin.GetJsonAsync<JsonObject>(itemUrl))["state"]);

        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"{runUrl}/cancel", new { }), HttpStatusCode.Conflict, "cancelled");
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"{itemUrl}/cancel", new { }), HttpStatusCode.Conflict, "already cancelled");
    }

    [Fact]
    public async Task Cancelling_the_work_item_of_a_queued_run_leaves_nothing_running()
    {
        var run = await Seed.QueuedTrainingRunAsync(app, Admin, "cancel the item");
        var itemUrl = $"/api/v1/work-items/{(string)run["workItemId"]!}";

        var item = await Admin.PostJsonAsync<JsonObject>($"{itemUrl}/cancel", new { }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", (string?)item["state"]);
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"{itemUrl}/cancel", new { }), HttpStatusCode.Conflict);

        // The run owning the item learns that it was cancelled (it would otherwise show "Queued" forever).
        var runUrl = $"/api/v1/training-runs/{(string)run["id"]!}";
        await Poll.UntilAsync(async () => (string?)(await Admin.GetJsonAsync<JsonObject>(runUrl))["status"] == "Cancelled",
            TimeSpan.FromSeconds(5), "the training run did not become Cancelled after its work item was cancelled");
    }

    [Fact]
    public async Task Generation_needs_a_finished_run_of_ones_own_team()
    {
        var run = await Seed.QueuedTrainingRunAsync(app, Admin, "generation source");
        var runId = (string)run["id"]!;

        // Own run, still queued: refused as an illegal transition.
        await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/generation-jobs", Generation(runId).ToJsonString(), "application/json"),
            HttpStatusCode.Conflict, "finished run");

        // Another team's run or dataset: exactly like an unknown id.
        var outsider = await app.OutsiderAsync("outsider-gina");
        await ApiClient.ProblemAsync(await outsider.PostRawAsync("/api/v1/generation-jobs", Generation(runId).ToJsonString(), "application/json"),
            HttpStatusCode.NotFound, "does not exist");
        await ApiClient.ProblemAsync(await outsider.PostRawAsync("/api/v1/generation-jobs", Generation(Guid.NewGuid().ToString()).ToJsonString(), "application/json"),
            HttpStatusCode.NotFound, "does not exist");
        var spec = (JsonObject)run["spec"]!.DeepClone();
        await ApiClient.ProblemAsync(await outsider.PostRawAsync("/api/v1/training-runs", spec.ToJsonString(), "application/json"),
            HttpStatusCode.NotFound, "does not exist");
        await ApiClient.ProblemAsync(await outsider.PostJsonAsync($"/api/v1/training-runs/{runId}/cancel", new { }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await outsider.PostJsonAsync($"/api/v1/work-items/{(string)run["workItemId"]!}/cancel", new { }), HttpStatusCode.NotFound);

        Assert.Empty(await outsider.GetJsonAsync<JsonArray>("/api/v1/generation-jobs"));
        Assert.Empty(await outsider.GetJsonAsync<JsonArray>("/api/v1/training-runs"));
        Assert.Equal("Queued", (string?)(await Admin.GetJsonAsync<JsonObject>($"/api/v1/training-runs/{runId}"))["status"]);
    }

    private static JsonObject Generation(string trainingRunId) => new()
    {
        ["trainingRunId"] = trainingRunId, ["prompts"] = new JsonArray("an echocardiogram, four-chamber view"), ["countPerPrompt"] = 1,
        ["sampler"] = "ddim", ["steps"] = 10, ["guidance"] = 3.0, ["frames"] = 8, ["width"] = 64, ["height"] = 64, ["gpus"] = 0,
    };
}
