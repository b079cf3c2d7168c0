using System.Text.Json;
using MedVid.Phantoms;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>A small curated dataset of rendered phantoms and a tiny training run over it, for tests that need training work.</summary>
internal static class PhantomDatasets
{
    /// <summary>Two labelled phantom videos (ultrasound, endoscopy), ingested and curated into version 1 with every clip in training.</summary>
    public static async Task<Guid> CuratedAsync(ApiClient owner, string name)
    {
        var datasetId = await owner.CreateDatasetAsync(name);
        var demo = PhantomCatalog.Demo(seed: 11);
        var videos = new List<Guid>();
        foreach (var spec in new[] { demo.First(s => s.Modality == Modality.Ultrasound), demo.First(s => s.Modality == Modality.Endoscopy) })
        {
            var path = Path.Combine(Path.GetTempPath(), $"medvid-dt-phantom-{Guid.NewGuid():N}.mp4");
            try
            {
                await PhantomRenderer.RenderMp4Async(spec, path);
                videos.Add(await owner.UploadLabelledVideoAsync(datasetId, path, spec.Labels));
            }
            finally
            {
                File.Delete(path);
            }
        }
        await Eventually.WaitForAsync("both phantom videos to be Ready", TimeSpan.FromSeconds(120), async () =>
        {
            var all = (await owner.GetDatasetAsync(datasetId)).GetProperty("videos").EnumerateArray().ToList();
            if (all.FirstOrDefault(v => v.Str("status") == "Failed") is { ValueKind: JsonValueKind.Object } failed)
                throw new InvalidOperationException($"video {failed.Str("fileName")} failed: {failed.Str("error")}");
            return (all.Count == videos.Count && all.All(v => v.Str("status") == "Ready"), 0, string.Join(", ", all.Select(v => v.Str("status"))));
        }, TimeSpan.FromMilliseconds(500));

        // Every source in the training split: with two sources the default test share could leave none to train on.
        var presets = await owner.GetJsonAsync("/api/v1/datasets/curation-presets");
        var config = JsonSerializer.Deserialize<Dictionary<string, object?>>(presets.GetProperty("bora-128").GetRawText())!;
        config["split"] = new { testFraction = 0.0 };
        var curation = await owner.PostJsonAsync($"/api/v1/datasets/{datasetId}/curations", new { config });
        var finished = await Eventually.WaitForAsync("the curation to finish", TimeSpan.FromSeconds(180), async () =>
        {
            var view = await owner.GetJsonAsync($"/api/v1/datasets/{datasetId}/curations/{curation.Str("id")}");
            return (view.Str("status") is "Succeeded" or "Failed" or "Cancelled", view, view.Str("status"));
        }, TimeSpan.FromMilliseconds(500));
        if (finished.Str("status") != "Succeeded") throw new InvalidOperationException($"curation {finished.Str("status")}: {finished.Str("error")}");
        return datasetId;
    }

    /// <summary>A tiny text-to-video run on one (simulated) GPU: 32 px, 4 frames, a 5-step VAE stage, no samples worth the time.</summary>
    public static object TinyRun(Guid dataset, long totalSteps, int checkpointEvery) => new
    {
        datasetId = dataset, datasetVersion = 1, recipe = "standard", modelSize = "tiny", totalSteps, gpus = 1,
        hyperparameters = new Dictionary<string, double>
        {
            ["frames"] = 4, ["resolution"] = 32, ["batch_size"] = 2, ["lr"] = 2e-3, ["warmup_steps"] = 5, ["vae_steps"] = 5,
            ["checkpoint_every"] = checkpointEvery, ["keep_checkpoints"] = 2, ["sample_steps"] = 1, ["seed"] = 3, ["probe_every"] = 0,
        },
    };

    /// <summary>Waits until a training run ends (any outcome); while waiting, says its status and step and its work item's.</summary>
    public static Task<JsonElement> WaitRunFinishedAsync(ApiClient client, string runUrl, Guid? workItemId = null) =>
        Eventually.WaitForAsync($"{runUrl} to finish", TimeSpan.FromMinutes(5), async () =>
        {
            var view = await client.GetJsonAsync(runUrl);
            var item = workItemId is { } id ? $"; item {(await client.GetWorkItemAsync(id)).DescribeWorkItem()}" : "";
            return (view.Str("status") is "Succeeded" or "Failed" or "Cancelled", view, $"run {view.Str("status")} {view.Str("stage")} step {view.Num("step")}{item}");
        }, TimeSpan.FromMilliseconds(500));
}
