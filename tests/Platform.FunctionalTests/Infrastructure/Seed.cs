using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Phantoms;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>State the API cannot make on its own in these tests.</summary>
public static class Seed
{
    /// <summary>
    /// Records a dataset version through the dataset grain (versions come from curation, which needs real clips):
    /// enough for a training run to be accepted and queued.
    /// </summary>
    public static async Task<int> DatasetVersionAsync(MedVidApp app, ApiClient owner, Guid datasetId)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var version = await grains.GetGrain<IDatasetGrain>(datasetId)
            .AddVersionAsync($"{owner.BlobPrefix}datasets/{datasetId:N}/versions/1/manifest.jsonl", null, clipCount: 3, origin: "functional-test", notes: null);
        return version.Number;
    }

    /// <summary>A dataset with one version and a training run queued on it (no host runs "train", so it stays queued).</summary>
    public static async Task<JsonObject> QueuedTrainingRunAsync(MedVidApp app, ApiClient owner, string name)
    {
        var datasetId = Guid.Parse((string)(await owner.CreateDatasetAsync(name))["id"]!);
        var version = await DatasetVersionAsync(app, owner, datasetId);
        var run = BadInputTests.ValidRun(datasetId.ToString());
        run["datasetVersion"] = version;
        return await ApiClient.ReadAsync<JsonObject>(
            await owner.PostRawAsync("/api/v1/training-runs", run.ToJsonString(), "application/json"), HttpStatusCode.Created);
    }

    /// <summary>
    /// A dataset of an echo and an endoscopy phantom (or <paramref name="phantoms"/>), uploaded and curated into version 1 by <paramref name="owner"/>;
    /// returns its id.
    /// </summary>
    public static async Task<Guid> CuratedPhantomsAsync(ApiClient owner, string name, IReadOnlyList<PhantomSpec>? phantoms = null)
    {
        var datasetId = Guid.Parse((string)(await owner.CreateDatasetAsync(name))["id"]!);
        var demo = PhantomCatalog.Demo(seed: 11);
        foreach (var spec in phantoms ?? [demo.First(s => s.Modality == Modality.Ultrasound), demo.First(s => s.Modality == Modality.Endoscopy)])
        {
            var created = await CurationTests.UploadWithLabelsAsync(owner, datasetId, spec);
            await owner.WaitReadyAsync(datasetId, Guid.Parse((string)created["id"]!));
        }
        // bora-128 with every source in the training split: the split is a hash of random video ids, and with two
        // sources the default 20% test share would leave no training clip in about one run of 25.
        var presets = await owner.GetJsonAsync<JsonObject>("/api/v1/datasets/curation-presets");
        var config = presets["bora-128"]!.DeepClone().AsObject();
        config["split"] = new JsonObject { ["testFraction"] = 0.0 };
        var curation = await owner.PostJsonAsync<JsonObject>($"/api/v1/datasets/{datasetId}/curations", new { config });
        JsonObject run = curation;
        await Poll.UntilAsync(async () =>
        {
            run = await owner.GetJsonAsync<JsonObject>($"/api/v1/datasets/{datasetId}/curations/{(string)curation["id"]!}");
            return (string?)run["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromSeconds(180), "curation did not finish");
        if ((string?)run["status"] != "Succeeded") throw new InvalidOperationException($"curation {run["status"]}: {run["error"]}");
        return datasetId;
    }
}
