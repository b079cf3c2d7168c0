namespace MedVid.Portal.BrowserTests;

/// <summary>A rater sees only the rating pages: every other page and API answers 403, and nothing of another team opens.</summary>
[Collection(PortalCollection.Name)]
public sealed class RaterTests(PortalFixture portal)
{
    [Fact]
    public async Task A_rater_lands_on_rating_and_sees_only_the_rating_entry()
    {
        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        Assert.EndsWith("/rating", page.Url);
        var links = await page.GetByTestId("nav-links").GetByRole(AriaRole.Link).AllTextContentsAsync();
        Assert.Equal(["Rating"], links.Select(l => l.Trim()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rater_is_refused_on_every_non_rating_page()
    {
        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        var dataset = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "rater cannot see this" });
        var id = (string)dataset["id"]!;
        string[] pages = ["/", "/datasets", $"/datasets/{id}", $"/datasets/{id}/versions/1", "/training", $"/training/{Guid.NewGuid()}",
            "/generation", $"/generation/{Guid.NewGuid()}", "/exports", "/team"];
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path} answered {response.Status} to a rater");
            await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
            Assert.DoesNotContain("rater cannot see this", await page.ContentAsync());
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rater_cannot_open_another_teams_video_nor_call_researcher_apis()
    {
        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        var media = $"/api/v1/datasets/{portal.TeamBDataset}/videos/{portal.TeamBVideo}";
        foreach (var url in new[] { $"{media}/proxy", $"{media}/original", $"{media}/poster", media, "/api/v1/datasets", "/api/v1/work-items" })
        {
            var response = await page.APIRequest.GetAsync(url);
            Assert.True(response.Status is 403 or 404, $"{url} answered {response.Status} to a rater");
        }
        var videoPage = await page.GotoAsync($"/datasets/{portal.TeamBDataset}");
        Assert.Equal(403, videoPage!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_researcher_of_another_team_gets_not_found_for_its_video()
    {
        var page = await portal.SignedInPageAsync(PortalFixture.ResearcherUser, PortalFixture.ResearcherPassword);
        var response = await page.GotoAsync($"/datasets/{portal.TeamBDataset}");
        Assert.Equal(404, response!.Status);
        var proxy = await page.APIRequest.GetAsync($"/api/v1/datasets/{portal.TeamBDataset}/videos/{portal.TeamBVideo}/proxy");
        Assert.Equal(404, proxy.Status);
        await page.Context.CloseAsync();
    }
}
