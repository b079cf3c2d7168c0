using System.Runtime.CompilerServices;

namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Two tiny models trained to completion through the API on the fixture's curated version (the recipe of the platform's
/// functional test): run A 200 steps with a 20-step VAE stage and a checkpoint at 200; run B a shorter, differently
/// tuned run to compare against. Both start at once and are trained once per fixture.
/// </summary>
public static class TrainedRuns
{
    private static readonly ConditionalWeakTable<PortalFixture, Lazy<Task<(JsonNode A, JsonNode B)>>> Trained = [];

    /// <summary>The finished run views of A and B (the run resource, with its checkpoints).</summary>
    public static Task<(JsonNode A, JsonNode B)> TrainedRunsAsync(this PortalFixture portal) =>
        Trained.GetValue(portal, p => new Lazy<Task<(JsonNode, JsonNode)>>(() => TrainAsync(p))).Value;

    private static async Task<(JsonNode, JsonNode)> TrainAsync(PortalFixture portal)
    {
        var (dataset, version) = await portal.CuratedVersionAsync();
        var a = await StartAsync(portal, dataset, version, 200, new()
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 20,
            ["checkpoint_every"] = 100, ["keep_checkpoints"] = 1, ["sample_steps"] = 4, ["seed"] = 3,
        });
        var b = await StartAsync(portal, dataset, version, 60, new()
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 1e-3, ["warmup_steps"] = 20, ["vae_steps"] = 10,
            ["checkpoint_every"] = 60, ["keep_checkpoints"] = 1, ["sample_steps"] = 2, ["seed"] = 4,
        });
        return (await FinishedAsync(portal, a), await FinishedAsync(portal, b));
    }

    private static async Task<string> StartAsync(PortalFixture portal, Guid dataset, int version, long steps, Dictionary<string, double> hyperparameters)
    {
        var run = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/training-runs", new
        {
            datasetId = dataset, datasetVersion = version, recipe = "standard", modelSize = "tiny", totalSteps = steps, gpus = 0, hyperparameters,
        });
        return (string)run["id"]!;
    }

    private static async Task<JsonNode> FinishedAsync(PortalFixture portal, string id)
    {
        JsonNode run = null!;
        await Poll.UntilAsync(async () => (string?)(run = await portal.Admin.GetJsonAsync($"/api/v1/training-runs/{id}"))["status"] is "Succeeded" or "Failed" or "Cancelled",
            TimeSpan.FromMinutes(3), $"training run {id} never finished");
        if ((string?)run["status"] != "Succeeded") throw new InvalidOperationException($"training run {id} ended {run["status"]}: {run["error"]}");
        return run;
    }
}
