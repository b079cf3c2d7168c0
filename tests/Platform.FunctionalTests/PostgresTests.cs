using System.Net.Http.Headers;

namespace MedVid.Platform.FunctionalTests;

/// <summary>The ingest happy path and team isolation with the grains' state in PostgreSQL instead of SQLite.</summary>
public sealed class PostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private ApiClient Admin => app.Admin;

    [Fact]
    public async Task Health_reports_postgres_and_the_database_was_created_by_migrations()
    {
        Assert.True(await app.DatabaseExistsAsync());
        var health = await ApiClient.ReadAsync<JsonObject>(await app.Anonymous().GetAsync("/health"), HttpStatusCode.OK);
        Assert.Equal("Healthy", (string?)health["checks"]!["database"]!["status"]);
        Assert.Contains("postgres", (string?)health["checks"]!["database"]!["description"]);
    }

    [Fact]
    public async Task Phantom_upload_is_ingested_into_a_seekable_h264_proxy()
    {
        var phantom = await TestVideos.PhantomMp4();
        var datasetId = Guid.Parse((string)(await Admin.CreateDatasetAsync("echo phantoms"))["id"]!);
        using (var upload = await Admin.UploadAsync(datasetId, phantom, "echo.mp4"))
        {
            var created = await ApiClient.ReadAsync<JsonObject>(upload, HttpStatusCode.Created);
            Assert.Equal("Ingesting", (string?)created["status"]);
        }
        var video = Assert.Single(await Admin.GetJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/videos"))!;
        var ready = await Admin.WaitReadyAsync(datasetId, Guid.Parse((string)video["id"]!));
        Assert.Equal(128, (int)ready["width"]!);
        var media = $"/api/v1/datasets/{datasetId}/videos/{(string)ready["id"]!}";

        var proxy = await (await Admin.GetAsync($"{media}/proxy")).Content.ReadAsByteArrayAsync();
        var path = Path.Combine(app.Root, "proxy.mp4");
        await File.WriteAllBytesAsync(path, proxy);
        var probe = JsonNode.Parse(await TestVideos.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,pix_fmt", "-of", "json", path))!["streams"]![0]!;
        Assert.Equal("h264", (string?)probe["codec_name"]);
        Assert.Equal("yuv420p", (string?)probe["pix_fmt"]);

        var request = new HttpRequestMessage(HttpMethod.Get, $"{media}/proxy") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var partial = await Admin.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(proxy.AsSpan(100, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());

        var item = await Admin.GetJsonAsync<JsonObject>($"/api/v1/work-items/{(string)ready["ingestWorkItemId"]!}");
        Assert.Equal("Succeeded", (string?)item["state"]);
        Assert.Equal(1.0, (double)item["progress"]!);
    }

    [Fact]
    public async Task Another_team_cannot_reach_the_first_teams_dataset_or_blobs()
    {
        var datasetId = (string)(await Admin.CreateDatasetAsync("private"))["id"]!;
        await Admin.PostJsonAsync<JsonArray>($"/api/v1/datasets/{datasetId}/labels", new { name = "secret" });
        var outsider = await app.OutsiderAsync("outsider-pat");

        await ApiClient.ProblemAsync(await outsider.GetAsync($"/api/v1/datasets/{datasetId}"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await outsider.GetAsync($"/api/v1/datasets/{datasetId}/videos"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await outsider.PostJsonAsync($"/api/v1/datasets/{datasetId}/labels", new { name = "x" }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await outsider.GetAsync($"/api/v1/blobs/{Admin.BlobPrefix}datasets/{Guid.Parse(datasetId):N}/x.mp4"), HttpStatusCode.NotFound);
        Assert.Empty(await outsider.GetJsonAsync<JsonArray>("/api/v1/datasets"));
        Assert.Empty(await outsider.GetJsonAsync<JsonArray>("/api/v1/work-items"));
        Assert.Equal(["secret"], (await Admin.GetJsonAsync<JsonObject>($"/api/v1/datasets/{datasetId}"))["labels"]!.AsArray().Select(l => (string?)l));
    }
}
