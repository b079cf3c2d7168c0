using System.Net.Http.Headers;
using System.Text;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Refused input: each answer is a 4xx problem with a "detail" message, and a refused upload leaves nothing behind
/// (the dataset's video list and the blob folder are exactly as before).
/// </summary>
public sealed class BadInputTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>
{
    /// <summary>The embedded app with a dataset holding one ingested video, which refused uploads must leave alone.</summary>
    public sealed class App : SqliteApp
    {
        public Guid DatasetId { get; private set; }

        public string ExistingVideoId { get; private set; } = "";

        public string ExistingIngestWorkItemId { get; private set; } = "";

        protected override async Task SeedAsync()
        {
            DatasetId = Guid.Parse((string)(await Admin.CreateDatasetAsync("refused uploads"))["id"]!);
            var existing = await Admin.UploadReadyAsync(DatasetId, await TestVideos.TestPatternMp4(), "existing.mp4");
            ExistingVideoId = (string)existing["id"]!;
            ExistingIngestWorkItemId = (string)existing["ingestWorkItemId"]!;
        }
    }

    private ApiClient Admin => app.Admin;

    [Fact]
    public async Task Text_file_is_refused_as_not_a_video()
    {
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat("this is not a video at all", 200)));
        await RefusedUploadAsync(id => Admin.UploadAsync(id, content, "notes.mp4", "text/plain"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Truncated_mp4_is_refused()
    {
        var mp4 = await TestVideos.TestPatternMp4();
        var truncated = mp4[..(int)(mp4.Length * 0.6)];
        await RefusedUploadAsync(id => Admin.UploadAsync(id, truncated, "truncated.mp4"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Empty_file_is_refused()
    {
        var detail = await RefusedUploadAsync(id => Admin.UploadAsync(id, [], "empty.mp4"), HttpStatusCode.BadRequest);
        Assert.Contains("empty", detail);
    }

    [Theory]
    [InlineData(MedVidApp.MaxUploadBytes + 1, false)] // just over: the stream is counted and cut off
    [InlineData(MedVidApp.MaxUploadBytes * 2, false)] // Content-Length alone says it is too large
    [InlineData(MedVidApp.MaxUploadBytes + 1, true)]  // chunked, no Content-Length: counted
    public async Task Upload_over_the_size_limit_is_refused_with_413(long size, bool chunked)
    {
        var content = new byte[size];
        new Random(1).NextBytes(content);
        var detail = await RefusedUploadAsync(id =>
        {
            HttpContent file = chunked ? new StreamContent(new UnseekableStream(content)) : new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            var form = new MultipartFormDataContent { { file, "file", "big.mp4" } };
            return Admin.Http.PostAsync($"/api/v1/datasets/{id}/videos", form);
        }, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(MedVidApp.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), detail);
    }

    [Theory]
    [InlineData("../escape.mp4")]
    [InlineData("a/../../escape.mp4")]
    [InlineData("..\\escape.mp4")]
    [InlineData("sub/clip.mp4")]
    public async Task File_name_with_a_path_is_refused(string fileName)
    {
        var mp4 = await TestVideos.TestPatternMp4();
        var detail = await RefusedUploadAsync(id => Admin.UploadAsync(id, mp4, fileName), HttpStatusCode.BadRequest);
        Assert.Contains("plain file name", detail);
    }

    [Fact]
    public async Task Upload_that_is_not_multipart_is_refused()
    {
        var mp4 = await TestVideos.TestPatternMp4();
        var detail = await RefusedUploadAsync(id =>
        {
            var body = new ByteArrayContent(mp4);
            body.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            return Admin.Http.PostAsync($"/api/v1/datasets/{id}/videos", body);
        }, HttpStatusCode.BadRequest);
        Assert.Contains("multipart/form-data", detail);
    }

    [Fact]
    public async Task Multipart_without_a_file_is_refused()
    {
        var detail = await RefusedUploadAsync(id =>
            Admin.Http.PostAsync($"/api/v1/datasets/{id}/videos", new MultipartFormDataContent { { new StringContent("x"), "field" } }),
            HttpStatusCode.BadRequest);
        Assert.Contains("no file", detail);
    }

    [Fact]
    public async Task Upload_to_an_unknown_dataset_is_404_and_stores_nothing()
    {
        var before = app.BlobFiles();
        await ApiClient.ProblemAsync(await Admin.UploadAsync(Guid.NewGuid(), await TestVideos.TestPatternMp4(), "clip.mp4"), HttpStatusCode.NotFound);
        Assert.Equal(before, app.BlobFiles());
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{name: 'single quotes'}")]
    [InlineData("{\"name\": 42}")]
    [InlineData("not json")]
    public async Task Malformed_json_is_400_with_a_detail(string body)
    {
        var before = await Admin.GetJsonAsync<JsonArray>("/api/v1/datasets");
        var detail = await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/datasets", body, "application/json"), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", detail);
        Assert.DoesNotContain("System.", detail); // no framework type names
        Assert.Equal(before.Count, (await Admin.GetJsonAsync<JsonArray>("/api/v1/datasets")).Count);
    }

    [Fact]
    public async Task Invalid_dataset_name_is_400_with_the_rule()
    {
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync("/api/v1/datasets", new { name = "  " }), HttpStatusCode.BadRequest, "1 to 200 characters");
    }

    [Fact]
    public async Task Unknown_dataset_and_video_ids_are_404()
    {
        var unknown = Guid.NewGuid();
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/datasets/{unknown}"), HttpStatusCode.NotFound, "does not exist");
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/datasets/{unknown}/videos"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"/api/v1/datasets/{unknown}/labels", new { name = "x" }), HttpStatusCode.NotFound);

        var dataset = await Admin.CreateDatasetAsync("unknown video ids");
        var videos = $"/api/v1/datasets/{(string)dataset["id"]!}/videos";
        var video = Guid.NewGuid();
        await ApiClient.ProblemAsync(await Admin.GetAsync($"{videos}/{video}"), HttpStatusCode.NotFound, "is not in dataset");
        await ApiClient.ProblemAsync(await Admin.GetAsync($"{videos}/{video}/proxy"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.DeleteAsync($"{videos}/{video}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/work-items/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/training-runs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/blobs/{Admin.BlobPrefix}no/such/blob.mp4"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidTrainingRuns => new()
    {
        { "recipe", "Unknown recipe 'magic'" },
        { "modelSize", "Unknown model size 'huge'" },
        { "totalSteps", "totalSteps must be between" },
        { "gpus", "gpus must be between" },
        { "datasetVersion", "datasetVersion must be 1 or more" },
        { "gpusType", "not valid JSON" },
        { "hyperparameters", "not valid JSON" },
        { "hyperparameterName", "Unknown hyperparameter 'learning_rate'" },
        { "hyperparameterRange", "Hyperparameter 'batch_size' must be between 1 and 1024" },
        { "fineTuningWithoutBase", "Recipe 'medgen-lora' fine-tunes a trained model: give baseRunId" },
        { "gpuMemoryGb", "gpuMemoryGb must be between 0 and 1024" },
        { "gpuMemoryWithoutGpus", "gpuMemoryGb needs gpus of 1 or more" },
    };

    [Theory]
    [MemberData(nameof(InvalidTrainingRuns))]
    public async Task Invalid_training_run_values_are_400_with_the_validation_message(string field, string message)
    {
        var datasetId = (string)(await Admin.CreateDatasetAsync($"invalid run {field}"))["id"]!;
        var run = ValidRun(datasetId);
        switch (field)
        {
            case "recipe": run["recipe"] = "magic"; break;
            case "modelSize": run["modelSize"] = "huge"; break;
            case "totalSteps": run["totalSteps"] = 0; break;
            case "gpus": run["gpus"] = -1; break;
            case "datasetVersion": run["datasetVersion"] = 0; break;
            case "gpusType": run["gpus"] = "many"; break;
            case "hyperparameters": run["hyperparameters"] = new JsonObject { ["lr"] = "fast" }; break;
            case "hyperparameterName": run["hyperparameters"] = new JsonObject { ["learning_rate"] = 0.1 }; break;
            case "hyperparameterRange": run["hyperparameters"] = new JsonObject { ["batch_size"] = 0 }; break;
            case "fineTuningWithoutBase": run["recipe"] = "medgen-lora"; break;
            case "gpuMemoryGb": run["gpus"] = 1; run["gpuMemoryGb"] = 2000; break;
            case "gpuMemoryWithoutGpus": run["gpus"] = 0; run["gpuMemoryGb"] = 80; break;
        }
        var before = await Admin.GetJsonAsync<JsonArray>("/api/v1/training-runs");
        await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/training-runs", run.ToJsonString(), "application/json"),
            HttpStatusCode.BadRequest, message);
        Assert.Equal(before.Count, (await Admin.GetJsonAsync<JsonArray>("/api/v1/training-runs")).Count);
    }

    [Fact]
    public async Task Invalid_role_is_400()
    {
        await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/teams", "{\"name\":\"x\",\"gpuQuota\":-3}", "application/json"),
            HttpStatusCode.BadRequest, "GPU quota");
        var response = await Admin.Http.PutAsync("/api/v1/teams/current/members",
            new StringContent("{\"userName\":\"someone\",\"role\":\"superuser\",\"password\":\"password-123\"}", Encoding.UTF8, "application/json"));
        await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest, "not valid JSON");
        var team = await Admin.GetJsonAsync<JsonObject>("/api/v1/teams/current");
        Assert.DoesNotContain(team["members"]!.AsArray(), m => (string?)m!["userName"] == "someone");
    }

    [Fact]
    public async Task Training_run_on_a_missing_dataset_version_is_404_has_no_version()
    {
        var datasetId = (string)(await Admin.CreateDatasetAsync("no versions"))["id"]!;
        await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/training-runs", ValidRun(datasetId).ToJsonString(), "application/json"),
            HttpStatusCode.NotFound, "has no version 1");
        await ApiClient.ProblemAsync(await Admin.PostRawAsync("/api/v1/training-runs", ValidRun(Guid.NewGuid().ToString()).ToJsonString(), "application/json"),
            HttpStatusCode.NotFound, "does not exist");
        Assert.Empty(await Admin.GetJsonAsync<JsonArray>("/api/v1/training-runs"));
    }

    [Fact]
    public async Task Cancelling_a_finished_work_item_is_409()
    {
        var item = $"/api/v1/work-items/{app.ExistingIngestWorkItemId}";
        await Poll.UntilAsync(async () => (string?)(await Admin.GetJsonAsync<JsonObject>(item))["state"] == "Succeeded",
            TimeSpan.FromSeconds(10), "the ingest work item did not succeed");

        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"{item}/cancel", new { }), HttpStatusCode.Conflict, "already succeeded");
        Assert.Equal("Succeeded", (string?)(await Admin.GetJsonAsync<JsonObject>(item))["state"]);
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync($"/api/v1/work-items/{Guid.NewGuid()}/cancel", new { }), HttpStatusCode.NotFound);
    }

    internal static JsonObject ValidRun(string datasetId) => new()
    {
        ["datasetId"] = datasetId, ["datasetVersion"] = 1, ["recipe"] = "standard", ["modelSize"] = "tiny",
        ["totalSteps"] = 100, ["gpus"] = 1, ["hyperparameters"] = new JsonObject { ["lr"] = 0.0001 },
    };

    /// <summary>
    /// Runs a refused upload against the dataset holding one video and checks that nothing was stored: the video list
    /// and the blob folder are as before. Returns the detail.
    /// </summary>
    private async Task<string> RefusedUploadAsync(Func<Guid, Task<HttpResponseMessage>> upload, HttpStatusCode expected)
    {
        var datasetId = app.DatasetId;
        var videosBefore = (await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/videos")).ToJsonString();
        var blobsBefore = app.BlobFiles();

        var detail = await ApiClient.ProblemAsync(await upload(datasetId), expected);

        Assert.Equal(videosBefore, (await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/videos")).ToJsonString());
        Assert.Equal(app.ExistingVideoId, (string?)Assert.Single(await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/videos"))!["id"]);
        var blobsAfter = app.BlobFiles();
        Assert.True(blobsBefore.SetEquals(blobsAfter), $"blob folder changed: +[{string.Join(", ", blobsAfter.Except(blobsBefore))}] -[{string.Join(", ", blobsBefore.Except(blobsAfter))}]");
        return detail;
    }

    /// <summary>A read-only stream that does not report its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
