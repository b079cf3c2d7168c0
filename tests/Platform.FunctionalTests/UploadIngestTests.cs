using System.Net.Http.Headers;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// One upload followed through ingest on the embedded compute host: probe, H.264 proxy, poster, work item, host.
/// The tests share the ingested video (made once by <see cref="IngestedVideo"/>).
/// </summary>
public sealed class UploadIngestTests(UploadIngestTests.IngestedVideo video) : IClassFixture<UploadIngestTests.IngestedVideo>
{
    public sealed class IngestedVideo : IAsyncLifetime
    {
        public SqliteApp App { get; } = new();
        public Guid DatasetId { get; private set; }
        public JsonObject Created { get; private set; } = null!;
        public JsonObject Ready { get; private set; } = null!;
        public string Base => $"/api/v1/datasets/{DatasetId}/videos/{(string)Ready["id"]!}";

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)App).InitializeAsync();
            DatasetId = Guid.Parse((string)(await App.Admin.CreateDatasetAsync("ingest"))["id"]!);
            using var upload = await App.Admin.UploadAsync(DatasetId, await TestVideos.TestPatternMp4(), "test pattern.mp4");
            Created = await ApiClient.ReadAsync<JsonObject>(upload, HttpStatusCode.Created);
            Ready = await App.Admin.WaitReadyAsync(DatasetId, Guid.Parse((string)Created["id"]!));
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private ApiClient Admin => video.App.Admin;

    [Fact]
    public async Task Upload_answers_201_Ingesting_and_the_video_becomes_Ready_with_probe_facts()
    {
        Assert.Equal("Ingesting", (string?)video.Created["status"]);
        Assert.Equal("test pattern.mp4", (string?)video.Created["fileName"]);
        Assert.Equal((await TestVideos.TestPatternMp4()).Length, (long)video.Created["sizeBytes"]!);

        var ready = video.Ready;
        Assert.Equal("Ready", (string?)ready["status"]);
        Assert.Equal(160, (int)ready["width"]!);
        Assert.Equal(120, (int)ready["height"]!);
        Assert.InRange((double)ready["durationSeconds"]!, 1.8, 2.2);
        Assert.InRange((double)ready["fps"]!, 9.9, 10.1);
        Assert.Equal("mpeg4", (string?)ready["codec"]);
        Assert.StartsWith(Admin.BlobPrefix, (string?)ready["proxyBlob"]);

        var list = await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{video.DatasetId}/videos");
        Assert.Equal((string?)ready["id"], (string?)Assert.Single(list)!["id"]);
        var dataset = await Admin.GetJsonAsync<JsonObject>($"/api/v1/datasets/{video.DatasetId}");
        Assert.Single(dataset["videos"]!.AsArray());
    }

    [Fact]
    public async Task Proxy_is_an_mp4_that_ffprobe_reads_as_h264_yuv420p()
    {
        using var response = await Admin.GetAsync($"{video.Base}/proxy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", response.Headers.AcceptRanges.SingleOrDefault());
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var path = Path.Combine(video.App.Root, $"proxy-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, bytes);
        var probe = JsonNode.Parse(await TestVideos.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,pix_fmt,width,height:format=format_name", "-of", "json", path))!;
        var stream = probe["streams"]![0]!;
        Assert.Equal("h264", (string?)stream["codec_name"]);
        Assert.Equal("yuv420p", (string?)stream["pix_fmt"]);
        Assert.Contains("mp4", (string?)probe["format"]!["format_name"]);
    }

    [Fact]
    public async Task Range_request_returns_206_with_exactly_the_requested_slice()
    {
        var full = await (await Admin.GetAsync($"{video.Base}/proxy")).Content.ReadAsByteArrayAsync();
        Assert.True(full.Length > 200);

        var request = new HttpRequestMessage(HttpMethod.Get, $"{video.Base}/proxy");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await Admin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-199/{full.Length}", response.Content.Headers.GetValues("Content-Range").Single());
        var slice = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(100, slice.Length);
        Assert.Equal(full.AsSpan(100, 100).ToArray(), slice);
    }

    [Fact]
    public async Task Range_beyond_the_end_is_416_and_HEAD_gives_the_length_without_a_body()
    {
        var full = await (await Admin.GetAsync($"{video.Base}/proxy")).Content.ReadAsByteArrayAsync();

        var request = new HttpRequestMessage(HttpMethod.Get, $"{video.Base}/proxy");
        request.Headers.TryAddWithoutValidation("Range", "bytes=999999999-");
        using var unsatisfiable = await Admin.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{full.Length}", unsatisfiable.Content.Headers.GetValues("Content-Range").Single());

        using var head = await Admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{video.Base}/proxy"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(full.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Poster_is_a_jpeg_and_the_original_is_the_uploaded_bytes()
    {
        using var poster = await Admin.GetAsync($"{video.Base}/poster");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        var jpeg = await poster.Content.ReadAsByteArrayAsync();
        Assert.True(jpeg.Length > 100);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, jpeg[..3]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);

        using var original = await Admin.GetAsync($"{video.Base}/original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(await TestVideos.TestPatternMp4(), await original.Content.ReadAsByteArrayAsync());

        // The same blobs through the team's blob endpoint.
        using var blob = await Admin.GetAsync($"/api/v1/blobs/{(string)video.Ready["posterBlob"]!}");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(jpeg, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Ingest_work_item_succeeded_with_full_progress()
    {
        var workItemId = (string)video.Ready["ingestWorkItemId"]!;
        var item = await Admin.GetJsonAsync<JsonObject>($"/api/v1/work-items/{workItemId}");
        Assert.Equal("Succeeded", (string?)item["state"]);
        Assert.Equal(1.0, (double)item["progress"]!);
        Assert.Equal("ingest-video", (string?)item["kind"]);
        Assert.Equal(video.App.HostId, (string?)item["hostId"]);
        Assert.Equal(video.DatasetId.ToString(), (string?)item["owner"]!["id"]);

        var items = await Admin.GetJsonAsync<JsonArray>("/api/v1/work-items");
        Assert.Contains(items, i => (string?)i!["id"] == workItemId);
    }

    [Fact]
    public async Task Hosts_list_the_embedded_host_online_for_ingest()
    {
        var hosts = await Admin.GetJsonAsync<JsonArray>("/api/v1/hosts");
        var host = Assert.Single(hosts, h => (string?)h!["hostId"] == video.App.HostId)!;
        Assert.Equal("Online", (string?)host["status"]);
        Assert.Contains("ingest-video", host["kinds"]!.AsArray().Select(k => (string?)k));
        Assert.True((int)host["cpuSlots"]! >= 1);
    }

    [Fact]
    public async Task Deleting_a_video_removes_it_and_its_blobs()
    {
        var datasetId = Guid.Parse((string)(await Admin.CreateDatasetAsync("delete me"))["id"]!);
        var ready = await Admin.UploadReadyAsync(datasetId, await TestVideos.TestPatternMp4());
        var url = $"/api/v1/datasets/{datasetId}/videos/{(string)ready["id"]!}";
        var blobs = new[] { "originalBlob", "proxyBlob", "posterBlob" }.Select(b => (string)ready[b]!).ToList();
        Assert.All(blobs, b => Assert.Contains(b.Replace('/', Path.DirectorySeparatorChar), video.App.BlobFiles()));

        using (var delete = await Admin.DeleteAsync(url))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        await ApiClient.ProblemAsync(await Admin.GetAsync(url), HttpStatusCode.NotFound);
        Assert.Empty(await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/videos"));
        foreach (var blob in blobs)
            await ApiClient.ProblemAsync(await Admin.GetAsync($"/api/v1/blobs/{blob}"), HttpStatusCode.NotFound);
    }
}
