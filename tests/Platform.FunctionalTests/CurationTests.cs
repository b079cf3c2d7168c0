using System.Net.Http.Headers;
using System.Text.Json;
using MedVid.Phantoms;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Curation through the API: a run on the embedded compute host turns ingested phantoms into a dataset version
/// (clips, manifest, statistics) readable through the API; bad configurations and illegal states are refused.
/// </summary>
public sealed class CurationTests(CurationTests.PhantomDataset data) : IClassFixture<CurationTests.PhantomDataset>
{
    /// <summary>A dataset with an endoscopy and a microscopy phantom (with their labels), both ingested.</summary>
    public sealed class PhantomDataset : IAsyncLifetime
    {
        public SqliteApp App { get; } = new();
        public Guid DatasetId { get; private set; }

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)App).InitializeAsync();
            DatasetId = Guid.Parse((string)(await App.Admin.CreateDatasetAsync("phantoms"))["id"]!);
            var demo = PhantomCatalog.Demo(seed: 7);
            var specs = new[] { demo.First(s => s.Modality == Modality.Endoscopy), demo.First(s => s.Modality == Modality.Cells) };
            foreach (var spec in specs)
            {
                var created = await UploadWithLabelsAsync(App.Admin, DatasetId, spec);
                await App.Admin.WaitReadyAsync(DatasetId, Guid.Parse((string)created["id"]!));
            }
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private ApiClient Admin => data.App.Admin;

    private string Curations => $"/api/v1/datasets/{data.DatasetId}/curations";

    [Fact]
    public async Task Uploaded_labels_are_kept_on_the_video()
    {
        var videos = await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{data.DatasetId}/videos");
        Assert.Contains(videos, v => (string?)v!["labels"]!["modality"] == "endoscopy");
        Assert.Contains(videos, v => (string?)v!["labels"]!["modality"] == "cell");
    }

    [Fact]
    public async Task A_bora_128_run_writes_a_version_whose_clips_manifest_and_statistics_are_readable()
    {
        await WaitNoActiveRunAsync();
        var started = await Admin.PostJsonAsync<JsonObject>(Curations, new { preset = "bora-128", notes = "functional test" });
        Assert.Equal("Queued", (string?)started["status"]);
        Assert.Equal(2, (int)started["sourceCount"]!);
        var run = await WaitFinishedAsync((string)started["id"]!);
        Assert.True((string?)run["status"] == "Succeeded", $"curation ended {run["status"]}: {run["error"]}");
        Assert.Equal(1.0, (double)run["progress"]!);
        var number = (int)run["version"]!;

        var version = await Admin.GetJsonAsync<JsonObject>($"/api/v1/datasets/{data.DatasetId}/versions/{number}");
        Assert.Equal("functional test", (string?)version["notes"]);
        var manifest = await Admin.Http.GetStringAsync($"/api/v1/datasets/{data.DatasetId}/versions/{number}/manifest");
        var clips = manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal((int)version["clipCount"]!, clips.Count);
        Assert.NotEmpty(clips);
        foreach (var clip in clips)
        {
            Assert.StartsWith(Admin.BlobPrefix, (string?)clip["clipBlob"]);
            Assert.Equal(128, (int)clip["width"]!);
            Assert.Equal(128, (int)clip["height"]!);
            Assert.Contains((string?)clip["split"], new[] { "train", "test" });
            Assert.NotEmpty(clip["captions"]!.AsArray());
        }

        var clipBytes = await Admin.Http.GetByteArrayAsync($"/api/v1/blobs/{(string)clips[0]["clipBlob"]!}");
        var clipFile = Path.Combine(data.App.Root, "downloaded-clip.mp4");
        await File.WriteAllBytesAsync(clipFile, clipBytes);
        var probe = await TestVideos.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", clipFile);
        Assert.Equal("h264,128,128", probe.Trim());

        var statistics = JsonNode.Parse(await Admin.Http.GetStringAsync($"/api/v1/datasets/{data.DatasetId}/versions/{number}/statistics"))!;
        Assert.Equal(2, (int)statistics["sourceCount"]!);
        Assert.Equal(clips.Count, (int)statistics["clipCount"]!);
        var stages = statistics["stages"]!.AsArray().Select(s => (string)s!["stage"]!).ToList();
        Assert.Contains("scene-detection", stages);
        Assert.Contains("split", stages);
    }

    [Theory]
    [InlineData("""{"preset":"no-such-preset"}""", "preset must be one of")]
    [InlineData("""{"preset":"bora","config":{}}""", "not both")]
    [InlineData("""{"config":{"sceneDetection":{"threshold":-1}}}""", "sceneDetection.threshold")]
    [InlineData("""{"config":{"captions":{"llm":{"endpoint":"http://127.0.0.1:9","model":"m","apiKey":"secret"}}}}""", "LLM API key")]
    [InlineData("""{"preset":""", "not valid JSON")]
    public async Task A_bad_configuration_is_refused_with_its_reason_and_nothing_is_queued(string body, string expected)
    {
        var before = (await Admin.GetJsonAsync<JsonArray>(Curations)).Count;
        using var response = await Admin.Http.PostAsync(Curations, new StringContent(body, new MediaTypeHeaderValue("application/json")));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await Admin.GetJsonAsync<JsonArray>(Curations)).Count);
    }

    [Fact]
    public async Task A_second_run_is_refused_while_one_is_active_and_a_cancelled_run_cannot_be_cancelled_again()
    {
        await WaitNoActiveRunAsync();
        var first = await Admin.PostJsonAsync<JsonObject>(Curations, new { preset = "bora-128" });
        using (var second = await Admin.PostJsonAsync(Curations, new { preset = "bora-128" }))
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var cancel = $"{Curations}/{(string)first["id"]!}/cancel";
        using var cancelled = await Admin.PostJsonAsync(cancel, new { });
        if (cancelled.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("Cancelled", (string?)JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!["status"]);
            var item = await Admin.GetJsonAsync<JsonObject>($"/api/v1/work-items/{(string)first["workItemId"]!}");
            Assert.Equal("Cancelled", (string?)item["state"]);
        }
        else
        {
            // The run finished before the cancel arrived: that refusal is the same one tested below.
            Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        }
        using var again = await Admin.PostJsonAsync(cancel, new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_dataset_without_ingested_videos_cannot_be_curated()
    {
        var empty = Guid.Parse((string)(await Admin.CreateDatasetAsync("empty"))["id"]!);
        using var response = await Admin.PostJsonAsync($"/api/v1/datasets/{empty}/curations", new { preset = "bora-128" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no ingested videos", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_team_can_neither_curate_nor_read_the_versions()
    {
        var outsider = await data.App.OutsiderAsync("curation-outsider");
        using (var start = await outsider.PostJsonAsync(Curations, new { preset = "bora-128" }))
            Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        using (var list = await outsider.GetAsync(Curations))
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        using (var manifest = await outsider.GetAsync($"/api/v1/datasets/{data.DatasetId}/versions/1/manifest"))
            Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
    }

    private async Task<JsonObject> WaitFinishedAsync(string curationId)
    {
        JsonObject run = null!;
        await Poll.UntilAsync(async () =>
        {
            run = await Admin.GetJsonAsync<JsonObject>($"{Curations}/{curationId}");
            return (string?)run["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromSeconds(120), $"curation {curationId} did not finish");
        return run;
    }

    private Task WaitNoActiveRunAsync() => Poll.UntilAsync(async () =>
        (await Admin.GetJsonAsync<JsonArray>(Curations)).All(r => (string?)r!["status"] is not ("Queued" or "Running")),
        TimeSpan.FromSeconds(120), "a curation run stayed active");

    internal static async Task<JsonObject> UploadWithLabelsAsync(ApiClient client, Guid datasetId, PhantomSpec spec)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medvid-curation-{Guid.NewGuid():N}.mp4");
        try
        {
            await PhantomRenderer.RenderMp4Async(spec, path);
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            var form = new MultipartFormDataContent
            {
                { new StringContent(JsonSerializer.Serialize(spec.Labels)), "labels" },
                { file, "file", $"{spec.Modality.ToString().ToLowerInvariant()}.mp4" },
            };
            return await ApiClient.ReadAsync<JsonObject>(await client.Http.PostAsync($"/api/v1/datasets/{datasetId}/videos", form), HttpStatusCode.Created);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
