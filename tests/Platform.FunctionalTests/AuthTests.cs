using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MedVid.Platform.FunctionalTests;

public sealed class AuthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Token_is_issued_for_the_right_password_and_identifies_the_caller()
    {
        using var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/tokens",
            new { userName = MedVidApp.AdminUser, password = MedVidApp.AdminPassword });
        var issued = await ApiClient.ReadAsync<JsonObject>(response, HttpStatusCode.OK);
        Assert.StartsWith("mvd_", (string?)issued["token"]);
        Assert.Equal(MedVidApp.AdminTeam, (string?)issued["teamName"]);
        Assert.Equal("Admin", (string?)issued["role"]);

        var http = app.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)issued["token"]!);
        var me = await ApiClient.ReadAsync<JsonObject>(await http.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);
        Assert.Equal(MedVidApp.AdminUser, (string?)me["userName"]);
        Assert.Equal((string?)issued["teamId"], (string?)me["teamId"]);
    }

    [Fact]
    public async Task Wrong_password_or_unknown_user_is_refused_with_401_and_a_message()
    {
        var http = app.Anonymous();
        await ApiClient.ProblemAsync(
            await http.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = MedVidApp.AdminUser, password = "not-the-password" }),
            HttpStatusCode.Unauthorized, "wrong user name or password");
        await ApiClient.ProblemAsync(
            await http.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = "nobody-here", password = MedVidApp.AdminPassword }),
            HttpStatusCode.Unauthorized, "wrong user name or password");
    }

    [Theory]
    [InlineData("/api/v1/auth/me")]
    [InlineData("/api/v1/datasets")]
    [InlineData("/api/v1/work-items")]
    [InlineData("/api/v1/teams/current")]
    public async Task Requests_without_a_token_get_401_with_a_message(string url)
    {
        await ApiClient.ProblemAsync(await app.Anonymous().GetAsync(url), HttpStatusCode.Unauthorized, "Bearer");
    }

    [Fact]
    public async Task An_unknown_token_gets_401_with_a_message()
    {
        var http = app.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mvd_" + new string('0', 64));
        await ApiClient.ProblemAsync(await http.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "unknown, revoked or expired");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_afterwards()
    {
        var client = await app.LoginAsync(MedVidApp.AdminUser, MedVidApp.AdminPassword);
        (await client.GetAsync("/api/v1/auth/me")).EnsureSuccessStatusCode();

        using (var revoke = await client.DeleteAsync("/api/v1/auth/tokens/current"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await ApiClient.ProblemAsync(await client.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "revoked");
        // Other tokens of the same user are untouched.
        (await app.Admin.GetAsync("/api/v1/auth/me")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_rater_is_forbidden_from_datasets_but_may_read_their_team()
    {
        (await app.Admin.PutJsonAsync("/api/v1/teams/current/members",
            new { userName = "rater-ruth", role = "rater", password = "rater-password-1" })).EnsureSuccessStatusCode();
        var rater = await app.LoginAsync("rater-ruth", "rater-password-1");

        await ApiClient.ProblemAsync(await rater.GetAsync("/api/v1/datasets"), HttpStatusCode.Forbidden, "role");
        await ApiClient.ProblemAsync(await rater.PostJsonAsync("/api/v1/datasets", new { name = "nope" }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await rater.PutJsonAsync($"/api/v1/teams/{rater.TeamId}/gpu-quota", new { gpus = 4 }), HttpStatusCode.Forbidden);
        var me = await rater.GetJsonAsync<JsonObject>("/api/v1/auth/me");
        Assert.Equal("Rater", (string?)me["role"]);
        (await rater.GetAsync("/api/v1/teams/current")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Removing_a_member_invalidates_their_token_at_once()
    {
        var team = await ApiClient.ReadAsync<JsonObject>(await app.Admin.PutJsonAsync("/api/v1/teams/current/members",
            new { userName = "leaving-lee", role = "researcher", password = "leaver-password-1" }), HttpStatusCode.OK);
        var userId = (string)team["members"]!.AsArray().Single(m => (string?)m!["userName"] == "leaving-lee")!["userId"]!;
        var leaver = await app.LoginAsync("leaving-lee", "leaver-password-1");
        (await leaver.GetAsync("/api/v1/datasets")).EnsureSuccessStatusCode();

        using (var remove = await app.Admin.DeleteAsync($"/api/v1/teams/current/members/{userId}"))
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);

        await ApiClient.ProblemAsync(await leaver.GetAsync("/api/v1/datasets"), HttpStatusCode.Unauthorized, "no longer a member");
        await ApiClient.ProblemAsync(await leaver.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
    }
}
