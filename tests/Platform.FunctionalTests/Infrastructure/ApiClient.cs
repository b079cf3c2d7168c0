using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>An HTTP client holding one API token, with the calls the tests repeat.</summary>
public sealed class ApiClient(HttpClient http, string token, Guid teamId)
{
    public HttpClient Http { get; } = http;

    public string Token { get; } = token;

    /// <summary>The team the token is scoped to.</summary>
    public Guid TeamId { get; } = teamId;

    /// <summary>How the team's blob paths start ("teams/{id:N}/").</summary>
    public string BlobPrefix => $"teams/{TeamId:N}/";

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body) => Http.PostAsJsonAsync(url, body);

    public Task<HttpResponseMessage> PutJsonAsync(string url, object body) => Http.PutAsJsonAsync(url, body);

    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);

    public async Task<T> GetJsonAsync<T>(string url) where T : JsonNode => await ReadAsync<T>(await Http.GetAsync(url), HttpStatusCode.OK);

    public async Task<T> PostJsonAsync<T>(string url, object body, HttpStatusCode expected = HttpStatusCode.Created) where T : JsonNode =>
        await ReadAsync<T>(await Http.PostAsJsonAsync(url, body), expected);

    public Task<JsonObject> CreateDatasetAsync(string name) =>
        PostJsonAsync<JsonObject>("/api/v1/datasets", new { name, description = "functional test" });

    /// <summary>Posts one file as multipart/form-data to a dataset's videos.</summary>
    public Task<HttpResponseMessage> UploadAsync(Guid datasetId, byte[] content, string fileName, string contentType = "video/mp4")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return Http.PostAsync($"/api/v1/datasets/{datasetId}/videos", form);
    }

    /// <summary>Uploads a video (201 expected) and waits until its ingest made it Ready.</summary>
    public async Task<JsonObject> UploadReadyAsync(Guid datasetId, byte[] content, string fileName = "clip.mp4")
    {
        var created = await ReadAsync<JsonObject>(await UploadAsync(datasetId, content, fileName), HttpStatusCode.Created);
        return await WaitReadyAsync(datasetId, Guid.Parse((string)created["id"]!));
    }

    /// <summary>Polls a video until it is Ready; fails at once if its ingest failed.</summary>
    public async Task<JsonObject> WaitReadyAsync(Guid datasetId, Guid videoId)
    {
        JsonObject video = null!;
        await Poll.UntilAsync(async () =>
        {
            video = await GetJsonAsync<JsonObject>($"/api/v1/datasets/{datasetId}/videos/{videoId}");
            Assert.NotEqual("Failed", (string?)video["status"]);
            return (string?)video["status"] == "Ready";
        }, TimeSpan.FromSeconds(60), $"video {videoId} did not become Ready");
        return video;
    }

    /// <summary>Asserts the status code and returns the body as JSON (the body is in the failure message).</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected) where T : JsonNode
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            return (T)JsonNode.Parse(body)!;
        }
    }

    /// <summary>
    /// Asserts an error response: the status, a problem-details JSON body, and a non-empty "detail" (containing
    /// <paramref name="detailContains"/> when given). Returns the detail.
    /// </summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? detailContains = null)
    {
        var problem = await ReadAsync<JsonObject>(response, expected);
        Assert.Equal((int)expected, (int?)problem["status"]);
        var detail = (string?)problem["detail"];
        Assert.False(string.IsNullOrWhiteSpace(detail), $"no detail in {problem.ToJsonString()}");
        if (detailContains is not null) Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
        return detail!;
    }

    /// <summary>A request with a raw body, for malformed input.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string url, string body, string contentType) =>
        Http.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));
}

public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{failure} within {timeout.TotalSeconds:0} s");
            await Task.Delay(200);
        }
    }
}
