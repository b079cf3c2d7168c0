namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Team B (a second user's own team, token scoped to it) against team A's dataset, video, media, work items, runs
/// and blobs: every guessed id answers 404 like an unknown one, nothing of A changes, and lists show only B's own.
/// The outsider is also a rater in team A, so only the token's team scope keeps A's things away from them.
/// </summary>
public sealed class TeamIsolationTests(TeamIsolationTests.TwoTeams teams) : IClassFixture<TeamIsolationTests.TwoTeams>
{
    public sealed class TwoTeams : SqliteApp
    {
        public ApiClient B { get; private set; } = null!;
        public Guid DatasetA { get; private set; }
        public JsonObject VideoA { get; private set; } = null!;
        public JsonObject RunA { get; private set; } = null!;
        public Guid DatasetB { get; private set; }

        protected override async Task SeedAsync()
        {
            DatasetA = Guid.Parse((string)(await Admin.CreateDatasetAsync("A's dataset"))["id"]!);
            VideoA = await Admin.UploadReadyAsync(DatasetA, await TestVideos.TestPatternMp4(), "a.mp4");
            RunA = await Seed.QueuedTrainingRunAsync(this, Admin, "A's training set");
            B = await OutsiderAsync("outsider-olga");
            DatasetB = Guid.Parse((string)(await B.CreateDatasetAsync("B's dataset"))["id"]!);
        }
    }

    private ApiClient A => teams.Admin;
    private ApiClient B => teams.B;
    private string VideoUrl => $"/api/v1/datasets/{teams.DatasetA}/videos/{(string)teams.VideoA["id"]!}";

    [Fact]
    public async Task Tokens_are_scoped_to_different_teams()
    {
        Assert.NotEqual(A.TeamId, B.TeamId);
        var current = await B.GetJsonAsync<JsonObject>("/api/v1/teams/current");
        Assert.Equal(B.TeamId.ToString(), (string?)current["id"]);
        Assert.Equal("Admin", (string?)(await B.GetJsonAsync<JsonObject>("/api/v1/auth/me"))["role"]);
    }

    [Fact]
    public async Task B_cannot_read_As_dataset_videos_or_media()
    {
        string[] urls =
        [
            $"/api/v1/datasets/{teams.DatasetA}", $"/api/v1/datasets/{teams.DatasetA}/videos", VideoUrl,
            $"{VideoUrl}/original", $"{VideoUrl}/proxy", $"{VideoUrl}/poster",
        ];
        foreach (var url in urls)
        {
            (await A.GetAsync(url)).EnsureSuccessStatusCode(); // the owner can
            await ApiClient.ProblemAsync(await B.GetAsync(url), HttpStatusCode.NotFound);
            using var head = await B.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"HEAD {url}: {(int)head.StatusCode}");
        }
        // Same answer as an id that exists nowhere.
        var unknown = await ApiClient.ProblemAsync(await B.GetAsync($"/api/v1/datasets/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var other = await ApiClient.ProblemAsync(await B.GetAsync($"/api/v1/datasets/{teams.DatasetA}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown, other);
    }

    [Fact]
    public async Task B_cannot_change_As_dataset_or_videos()
    {
        var before = (await A.GetJsonAsync<JsonObject>($"/api/v1/datasets/{teams.DatasetA}")).ToJsonString();
        var blobsBefore = teams.BlobFiles();

        await ApiClient.ProblemAsync(await B.UploadAsync(teams.DatasetA, await TestVideos.TestPatternMp4(), "intruder.mp4"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await B.PostJsonAsync($"/api/v1/datasets/{teams.DatasetA}/labels", new { name = "intruder" }), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await B.DeleteAsync(VideoUrl), HttpStatusCode.NotFound);

        Assert.Equal(before, (await A.GetJsonAsync<JsonObject>($"/api/v1/datasets/{teams.DatasetA}")).ToJsonString());
        Assert.True(blobsBefore.SetEquals(teams.BlobFiles()), "the blob folder changed");
        (await A.GetAsync($"{VideoUrl}/proxy")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task B_cannot_see_or_cancel_As_work_items_and_runs()
    {
        var ingest = $"/api/v1/work-items/{(string)teams.VideoA["ingestWorkItemId"]!}";
        var train = $"/api/v1/work-items/{(string)teams.RunA["workItemId"]!}";
        var run = $"/api/v1/training-runs/{(string)teams.RunA["id"]!}";

        foreach (var url in new[] { ingest, train, run })
        {
            (await A.GetAsync(url)).EnsureSuccessStatusCode();
            await ApiClient.ProblemAsync(await B.GetAsync(url), HttpStatusCode.NotFound);
            await ApiClient.ProblemAsync(await B.PostJsonAsync($"{url}/cancel", new { }), HttpStatusCode.NotFound);
        }
        Assert.Equal("Succeeded", (string?)(await A.GetJsonAsync<JsonObject>(ingest))["state"]);
        Assert.Equal("Queued", (string?)(await A.GetJsonAsync<JsonObject>(train))["state"]);
        Assert.Equal("Queued", (string?)(await A.GetJsonAsync<JsonObject>(run))["status"]);
    }

    [Fact]
    public async Task B_cannot_read_As_blobs_by_path()
    {
        var proxy = (string)teams.VideoA["proxyBlob"]!;
        Assert.StartsWith(A.BlobPrefix, proxy);
        (await A.GetAsync($"/api/v1/blobs/{proxy}")).EnsureSuccessStatusCode();

        await ApiClient.ProblemAsync(await B.GetAsync($"/api/v1/blobs/{proxy}"), HttpStatusCode.NotFound);
        using var head = await B.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/blobs/{proxy}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Path_tricks_never_reach_another_teams_blobs()
    {
        var proxy = (string)teams.VideoA["proxyBlob"]!;
        var rest = proxy[A.BlobPrefix.Length..];
        string a = $"{A.TeamId:N}", b = $"{B.TeamId:N}";
        string[] tricks =
        [
            $"teams/{b}/../{a}/{rest}",
            $"teams/{b}/%2E%2E/{a}/{rest}",
            $"teams/{b}/%2e%2e%2f{a}/{rest}",
            $"teams/{b}/..%2F{a}/{rest}",
            $"teams/{b}%2F..%2F{a}%2F{rest.Replace("/", "%2F")}",
            $"teams/{b}/./../{a}/{rest}",
            $"teams/{b}/..%5C{a}/{rest}",
            $"teams/{b}/%252E%252E/{a}/{rest}",
            $"teams/{b}/../../teams/{a}/{rest}",
            $"teams/{b}//{a}/{rest}",
            $"%2Fteams/{a}/{rest}",
        ];
        var sawValidation = false;
        foreach (var path in tricks)
        {
            using var response = await B.GetAsync($"/api/v1/blobs/{path}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            sawValidation |= response.StatusCode == HttpStatusCode.BadRequest;
        }
        // At least one trick arrived with its ".." intact and was refused by the path rule (not just normalised away).
        Assert.True(sawValidation, "no trick reached the blob path validation");
    }

    [Fact]
    public async Task Lists_show_only_the_callers_own_entities()
    {
        var datasetsB = await B.GetJsonAsync<JsonArray>("/api/v1/datasets");
        Assert.Equal(teams.DatasetB.ToString(), (string?)Assert.Single(datasetsB)!["id"]);
        var datasetsA = await A.GetJsonAsync<JsonArray>("/api/v1/datasets");
        Assert.Contains(datasetsA, d => (string?)d!["id"] == teams.DatasetA.ToString());
        Assert.DoesNotContain(datasetsA, d => (string?)d!["id"] == teams.DatasetB.ToString());

        Assert.Empty(await B.GetJsonAsync<JsonArray>("/api/v1/work-items"));
        Assert.Empty(await B.GetJsonAsync<JsonArray>("/api/v1/training-runs"));
        Assert.Empty(await B.GetJsonAsync<JsonArray>("/api/v1/generation-jobs"));
        Assert.NotEmpty(await A.GetJsonAsync<JsonArray>("/api/v1/work-items"));
        Assert.Single(await A.GetJsonAsync<JsonArray>("/api/v1/training-runs"));
    }
}
