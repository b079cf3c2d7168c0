using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedVid.Cli.Api;

/// <summary>A thin client of /api/v1: JSON in, JSON out, server errors as <see cref="ApiError"/> with the server's detail.</summary>
public sealed class MedVidClient(HttpClient http) : IDisposable
{
    public static MedVidClient For(string url, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new MedVidClient(http);
    }

    public Task<JsonNode> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonNode> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ct);

    /// <summary>Uploads a file as multipart/form-data, reporting the bytes sent.</summary>
    public async Task<JsonNode> UploadAsync(
        string path, string file, IReadOnlyDictionary<string, string>? labels, IProgress<long> progress, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var content = new MultipartFormDataContent();
        if (labels is { Count: > 0 }) content.Add(new StringContent(JsonSerializer.Serialize(labels)), "labels");
        content.Add(new ProgressStreamContent(stream, progress), "file", Path.GetFileName(file));
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);
    }

    /// <summary>Downloads a blob of the caller's team (e.g. a generated MP4) to <paramref name="file"/>.</summary>
    public Task DownloadBlobAsync(string blobPath, string file, CancellationToken ct) => DownloadAsync($"api/v1/blobs/{blobPath}", file, ct);

    /// <summary>Streams a GET of <paramref name="path"/> into <paramref name="file"/>, replacing it only once complete.</summary>
    public async Task DownloadAsync(string path, string file, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new ApiError((int)response.StatusCode, Detail(await response.Content.ReadAsStringAsync(ct)) ?? "download failed");
        var partial = file + ".partial";
        await using (var target = File.Create(partial))
            await response.Content.CopyToAsync(target, ct);
        File.Move(partial, file, overwrite: true); // a cancelled download leaves no truncated MP4 behind
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ApiError(0, $"Cannot reach {http.BaseAddress}: {e.Message}");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new ApiError((int)response.StatusCode, Detail(text) ?? response.ReasonPhrase ?? "request failed");
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
        }
    }

    private static string? Detail(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return node?["detail"]?.GetValue<string>() ?? node?["title"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return body.Length > 0 ? body : null;
        }
    }

    public void Dispose() => http.Dispose();

    private sealed class ProgressStreamContent(Stream stream, IProgress<long> progress) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream target, System.Net.TransportContext? context)
        {
            var buffer = new byte[81920];
            long sent = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read));
                progress.Report(sent += read);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = stream.Length;
            return true;
        }
    }
}
