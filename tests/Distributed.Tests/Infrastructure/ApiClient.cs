using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>/api/v1 of one silo, signed in with a bearer token. Responses are read as JSON documents, not the server's types.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    private ApiClient(HttpClient http, string name)
    {
        _http = http;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Signs in for <paramref name="teamId"/> (or the user's first team).</summary>
    public static async Task<ApiClient> SignInAsync(Uri baseAddress, string name, string userName, string password, Guid? teamId = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, teamId });
        await EnsureAsync(response, "sign in");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, name);
    }

    public async Task<Guid> CreateDatasetAsync(string name)
    {
        var response = await _http.PostAsJsonAsync("/api/v1/datasets", new { name });
        await EnsureAsync(response, $"create dataset '{name}'");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Adds a label; returns the status code (201 added, 200 already there) and the body on failure.</summary>
    public async Task<(HttpStatusCode Status, string Body)> AddLabelAsync(Guid datasetId, string label)
    {
        using var response = await _http.PostAsJsonAsync($"/api/v1/datasets/{datasetId}/labels", new { name = label });
        return (response.StatusCode, response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> GetDatasetAsync(Guid datasetId) => await GetJsonAsync($"/api/v1/datasets/{datasetId}");

    /// <summary>Uploads a video (multipart); returns the video id and its ingest work item id.</summary>
    public async Task<(Guid VideoId, Guid WorkItemId)> UploadVideoAsync(Guid datasetId, string path, string? fileName = null)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(part, "file", fileName ?? Path.GetFileName(path));
        using var response = await _http.PostAsync($"/api/v1/datasets/{datasetId}/videos", content);
        await EnsureAsync(response, $"upload {path}");
        var video = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (video.GetProperty("id").GetGuid(), video.GetProperty("ingestWorkItemId").GetGuid());
    }

    /// <summary>Uploads a video with its labels (a JSON object in the form's "labels" field); returns the video id.</summary>
    public async Task<Guid> UploadLabelledVideoAsync(Guid datasetId, string path, IReadOnlyDictionary<string, string> labels)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(new StringContent(JsonSerializer.Serialize(labels)), "labels");
        content.Add(part, "file", Path.GetFileName(path));
        using var response = await _http.PostAsync($"/api/v1/datasets/{datasetId}/videos", content);
        await EnsureAsync(response, $"upload {path}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        await EnsureAsync(response, $"POST {path}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task PutJsonAsync(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(path, body);
        await EnsureAsync(response, $"PUT {path}");
    }

    public async Task<JsonElement> GetWorkItemAsync(Guid id) => await GetJsonAsync($"/api/v1/work-items/{id}");

    public async Task<JsonElement> GetHostsAsync() => await GetJsonAsync("/api/v1/hosts");

    public async Task<JsonElement> GetHostAsync(string hostId)
    {
        var hosts = await GetHostsAsync();
        return hosts.EnumerateArray().FirstOrDefault(h => h.GetProperty("hostId").GetString() == hostId);
    }

    public async Task<HttpStatusCode> HealthAsync()
    {
        using var response = await _http.GetAsync("/health");
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        await EnsureAsync(response, $"GET {path}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Saves the body of a GET to <paramref name="file"/>.</summary>
    public async Task DownloadAsync(string path, string file)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await EnsureAsync(response, $"GET {path}");
        await using var target = File.Create(file);
        await response.Content.CopyToAsync(target);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException($"{what}: {(int)response.StatusCode} {response.StatusCode}: {body}", null, response.StatusCode);
    }
}

/// <summary>Reading the API's JSON (camelCase, enums as strings).</summary>
internal static class Json
{
    public static string Str(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static double Num(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    public static int Int(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    /// <summary>A work item in one line: state, attempt, host, progress, message.</summary>
    public static string DescribeWorkItem(this JsonElement item) =>
        $"state={item.Str("state")} attempt={item.Int("attempt")} host={item.Str("hostId")} " +
        $"progress={(item.TryGetProperty("progress", out var p) ? p.ToString() : "?")} message='{item.Str("message")}' error='{item.Str("error")}'";
}
