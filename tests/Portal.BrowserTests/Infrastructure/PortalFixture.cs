using System.Net.Http.Headers;
using System.Text.Json;
using MedVid.Phantoms;

namespace MedVid.Portal.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>
/// One portal server and one headless Chromium for every browser test (starting them is most of the run's time), with
/// the users the tests need: the bootstrap admin (in Team A and in Team B), a rater of Team A, and a dataset of Team B
/// holding one ingested video.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string RaterUser = "rita";
    public const string RaterPassword = "rater-password-1";
    public const string ResearcherUser = "rob";
    public const string ResearcherPassword = "researcher-password-1";

    public PortalServer Server { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The bootstrap admin's API client, scoped to Team A.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public Guid TeamB { get; private set; }

    public Guid TeamBDataset { get; private set; }

    public Guid TeamBVideo { get; private set; }

    private readonly Lazy<Task<(Guid Dataset, int Version)>> _curatedVersion;

    public PortalFixture() => _curatedVersion = new(MakeCuratedVersionAsync);

    /// <summary>A dataset of Team A with a curated version (an endoscopy phantom, bora-128), made once on first use.</summary>
    public Task<(Guid Dataset, int Version)> CuratedVersionAsync() => _curatedVersion.Value;

    private async Task<(Guid, int)> MakeCuratedVersionAsync()
    {
        var dataset = Guid.Parse((string)(await Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Training data" }))["id"]!);
        var spec = PhantomCatalog.Demo(seed: 7).First(s => s.Modality == Modality.Endoscopy);
        await UploadPhantomAsync(Admin, dataset, spec, spec.Labels, Server.Root);
        // bora-128 with the source in the training split: the split hashes the (random) video id, and the default 20%
        // test share would leave a one-source version without a training clip one time in five.
        var config = (await Admin.GetJsonAsync("/api/v1/datasets/curation-presets"))["bora-128"]!.DeepClone().AsObject();
        config["split"] = new JsonObject { ["testFraction"] = 0.0 };
        var run = await Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/datasets/{dataset}/curations", new { config });
        var url = $"/api/v1/datasets/{dataset}/curations/{run["id"]}";
        JsonNode finished = run;
        await Poll.UntilAsync(async () => (string?)(finished = await Admin.GetJsonAsync(url))["status"] is "Succeeded" or "Failed" or "Cancelled",
            TimeSpan.FromSeconds(90), "the curation for the training data never finished");
        if ((string?)finished["status"] != "Succeeded") throw new InvalidOperationException($"curation ended {finished["status"]}: {finished["error"]}");
        return (dataset, (int)finished["version"]!);
    }

    public async Task InitializeAsync()
    {
        Server.StartServer();
        Admin = await Server.ApiClientAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await Poll.UntilAsync(async () =>
        {
            var hosts = (await Admin.GetJsonAsync("/api/v1/hosts")).AsArray();
            return hosts.Any(h => (string?)h!["hostId"] == Server.HostId && (string?)h["status"] == "Online");
        }, TimeSpan.FromSeconds(30), "the embedded compute host never came online");
        await Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/current/members", new { userName = RaterUser, role = "rater", password = RaterPassword });
        await Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/current/members", new { userName = ResearcherUser, role = "researcher", password = ResearcherPassword });
        var teamB = await Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/teams", new { name = "Team B", gpuQuota = 1 });
        TeamB = Guid.Parse((string)teamB["id"]!);
        using var adminB = await Server.ApiClientAsync(PortalServer.AdminUser, PortalServer.AdminPassword, TeamB);
        TeamBDataset = Guid.Parse((string)(await adminB.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Team B private" }))["id"]!);
        TeamBVideo = await UploadAsync(adminB, TeamBDataset, "team-b.mp4");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEDVID_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Uploads the test pattern through the API and waits until it is ingested.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, Guid datasetId, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await TestVideos.TestPatternMp4());
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync($"/api/v1/datasets/{datasetId}/videos", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"upload failed: {(int)response.StatusCode} {body}");
        var videoId = Guid.Parse((string)JsonNode.Parse(body)!["id"]!);
        await Poll.UntilAsync(async () =>
            (string?)(await client.GetJsonAsync($"/api/v1/datasets/{datasetId}/videos/{videoId}"))["status"] == "Ready",
            TimeSpan.FromSeconds(60), $"video {videoId} was never ingested");
        return videoId;
    }

    /// <summary>Renders a phantom (its labels carry the ground truth curation captions from) and uploads it through the API.</summary>
    public static async Task UploadPhantomAsync(HttpClient client, Guid datasetId, PhantomSpec spec, IReadOnlyDictionary<string, string> labels, string scratch)
    {
        var path = Path.Combine(scratch, $"phantom-{Guid.NewGuid():N}.mp4");
        await PhantomRenderer.RenderMp4Async(spec, path);
        using var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        using var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(labels)), "labels" }, { file, "file", "endoscopy.mp4" } };
        using var response = await client.PostAsync($"/api/v1/datasets/{datasetId}/videos", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"upload failed: {(int)response.StatusCode} {body}");
        var videoId = (string)JsonNode.Parse(body)!["id"]!;
        await Poll.UntilAsync(async () => (string?)(await client.GetJsonAsync($"/api/v1/datasets/{datasetId}/videos/{videoId}"))["status"] == "Ready",
            TimeSpan.FromSeconds(60), "the phantom was never ingested");
    }

    /// <summary>A fresh browser context (own cookies) at a laptop width, signed in as the user.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button[type=submit]"));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        Admin?.Dispose();
        await Server.DisposeAsync();
        Server.DeleteFiles();
    }
}
