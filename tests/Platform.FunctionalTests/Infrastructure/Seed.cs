using System.Net;
using System.Text.Json.Nodes;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
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
}
