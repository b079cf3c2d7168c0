using System.Text;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Every error is RFC 7807 application/problem+json with a "detail" meant for users: no framework hints, internal
/// type names, server paths or ffmpeg output.
/// </summary>
public sealed class ErrorShapeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private ApiClient Admin => app.Admin;

    [Fact]
    public async Task Missing_token_is_a_401_problem()
    {
        await ProblemAsync(await app.Anonymous().GetAsync("/api/v1/datasets"), HttpStatusCode.Unauthorized, "Bearer");
    }

    [Fact]
    public async Task Too_low_a_role_is_a_403_problem()
    {
        (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName = "shape-rater", role = "rater", password = "shape-password-1" })).EnsureSuccessStatusCode();
        var rater = await app.LoginAsync("shape-rater", "shape-password-1");
        await ProblemAsync(await rater.GetAsync("/api/v1/datasets"), HttpStatusCode.Forbidden, "role");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await ProblemAsync(await Admin.PostRawAsync("/api/v1/datasets", "name=x", "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Theory]
    [InlineData("/api/v1/no-such-area")]
    [InlineData("/api/v1/datasets/not-a-guid")]
    [InlineData("/api/v1/training-runs/12345")]
    public async Task Unmatched_routes_and_malformed_ids_are_404_problems(string url)
    {
        await ProblemAsync(await Admin.GetAsync(url), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/datasets/00000000-0000-0000-0000-000000000000", "The dataset does not exist.")]
    [InlineData("/api/v1/training-runs/00000000-0000-0000-0000-000000000000", "The training run does not exist.")]
    [InlineData("/api/v1/rating-campaigns/00000000-0000-0000-0000-000000000000", "does not exist")]
    public async Task The_all_zero_id_is_a_404_like_any_unknown_id(string url, string detail)
    {
        var message = await ProblemAsync(await Admin.GetAsync(url), HttpStatusCode.NotFound, detail);
        Assert.DoesNotContain("Grain", message);
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_a_413_problem()
    {
        var huge = $$"""{"name":"big","description":"{{new string('x', 2 * 1024 * 1024)}}"}""";
        await ProblemAsync(await Admin.PostRawAsync("/api/v1/datasets", huge, "application/json"), HttpStatusCode.RequestEntityTooLarge, "1048576 bytes");
    }

    [Fact]
    public async Task A_chunked_json_body_over_the_limit_is_cut_off_with_a_413_problem()
    {
        var huge = Encoding.UTF8.GetBytes($$"""{"name":"big","description":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        var content = new StreamContent(new MemoryStream(huge)); // no Content-Length: the limit is counted while reading
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAsync(await Admin.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "1048576 bytes");
    }

    [Fact]
    public async Task An_empty_body_is_a_400_with_a_message_for_users()
    {
        var detail = await ProblemAsync(await Admin.PostRawAsync("/api/v1/datasets", "", "application/json"), HttpStatusCode.BadRequest, "JSON body");
        Assert.DoesNotContain("Did you mean", detail);
        Assert.DoesNotContain("parameter", detail);
    }

    [Fact]
    public async Task A_string_is_not_accepted_for_a_number()
    {
        var run = BadInputTests.ValidRun(Guid.NewGuid().ToString());
        run["totalSteps"] = "100";
        await ProblemAsync(await Admin.PostRawAsync("/api/v1/training-runs", run.ToJsonString(), "application/json"), HttpStatusCode.BadRequest, "not valid JSON");
    }

    [Fact]
    public async Task A_refused_upload_names_no_server_path_or_ffmpeg_internals()
    {
        var dataset = Guid.Parse((string)(await Admin.CreateDatasetAsync("refused upload wording"))["id"]!);
        var text = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat("this is not a video at all", 200)));
        foreach (var content in new[] { text, (await TestVideos.TestPatternMp4())[..4096] })
        {
            var detail = await ProblemAsync(await Admin.UploadAsync(dataset, content, "clip.mp4"), HttpStatusCode.BadRequest, "clip.mp4");
            Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), detail);
            Assert.DoesNotContain("medvid-upload", detail);
            Assert.DoesNotContain("ffprobe", detail, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("moov", detail);
        }
    }

    /// <summary>Asserts the problem+json media type, then the status and detail (see <see cref="ApiClient.ProblemAsync"/>).</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? detailContains = null)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{(int)response.StatusCode} came as '{response.Content.Headers.ContentType}': {await response.Content.ReadAsStringAsync()}");
        return await ApiClient.ProblemAsync(response, expected, detailContains);
    }
}
