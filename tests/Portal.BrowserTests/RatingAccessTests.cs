namespace MedVid.Portal.BrowserTests;

/// <summary>Blinding of the rating screen, and who may open which rating page.</summary>
[Collection(PortalCollection.Name)]
public sealed class RatingAccessTests(PortalFixture portal)
{
    private const string HiddenModel = "zz-hidden-model";
    private const string HiddenCheckpoint = "ckpt-secret-4242";

    [Fact]
    public async Task The_rating_screen_and_every_request_it_makes_name_no_model_checkpoint_run_or_source()
    {
        var world = await RatingWorld.OfAsync(portal);
        var run = Guid.NewGuid();
        var items = Enumerable.Range(1, 2).Select(i => (object)new
        {
            videos = new object[]
            {
                new { source = "DatasetVideo", datasetId = world.Dataset, videoId = world.Video, model = HiddenModel, checkpoint = HiddenCheckpoint, runId = run },
                world.VideoAs("yy-other-model"),
            },
            prompt = $"{Xss.Script} prompt {i}",
            label = Xss.Image,
        });
        var campaign = await world.CreateCampaignAsync("Blind check", "medgen-pairwise", items, [PortalFixture.RaterUser], 1);
        string[] secrets = [HiddenModel, HiddenCheckpoint, "yy-other-model", run.ToString(), run.ToString("N"), world.Dataset.ToString(), world.Dataset.ToString("N"),
            world.Video.ToString(), world.Video.ToString("N"), "/blobs/", "teams/"];

        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        var seen = new List<string>();
        page.Request += (_, request) => seen.Add($"{request.Method} {request.Url} {request.PostData}");
        var bodies = new List<Task<string>>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/") && !response.Url.Contains("/media/")) bodies.Add(response.TextAsync());
        };
        var html = await (await page.GotoAsync($"/rating/{campaign}"))!.TextAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('video[data-side]')].every(v => v.readyState >= 1)");
        foreach (var key in new[] { "ArrowLeft", "t", "b", "Enter", "ArrowRight", "ArrowRight", "ArrowRight", "p" })
            await page.Keyboard.PressAsync(key);
        await Assertions.Expect(page.GetByTestId("rating-screen")).ToHaveAttributeAsync("data-pending", "0");
        await Assertions.Expect(page.GetByTestId("item-prompt")).ToContainTextAsync(Xss.Script);
        Assert.True(await page.EvaluateAsync<bool>(Xss.DidNotRun), "a prompt or label ran as script");
        var dom = await page.ContentAsync();

        Assert.Contains(seen, r => r.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.Contains(seen, r => r.Contains("/media/left", StringComparison.Ordinal));
        var responses = await Task.WhenAll(bodies);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, dom, StringComparison.OrdinalIgnoreCase);
            Assert.All(seen, r => Assert.DoesNotContain(secret, r, StringComparison.OrdinalIgnoreCase));
            Assert.All(responses, body => Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase));
        }
        var list = await (await page.GotoAsync("/rating"))!.TextAsync();
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, list, StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rater_cannot_open_campaign_management_results_another_raters_or_another_teams_campaign()
    {
        var world = await RatingWorld.OfAsync(portal);
        var notMine = await world.CreateCampaignAsync("Not for rita", "ophora-seven-criteria",
            [new { videos = new[] { world.VideoAs("m") } }], [RatingWorld.SecondRater], 1);
        var teamBCampaign = await TeamBCampaignAsync();

        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        foreach (var path in new[] { "/rating/campaigns", $"/rating/campaigns/{notMine}/results" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path} answered {response.Status} to a rater");
            await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        }
        var csv = await page.APIRequest.GetAsync($"/api/v1/rating-campaigns/{notMine}/results.csv");
        Assert.Equal(403, csv.Status);

        var other = await page.GotoAsync($"/rating/{notMine}");
        Assert.Equal(403, other!.Status);
        await Assertions.Expect(page.GetByTestId("forbidden")).ToContainTextAsync("Not allowed");
        Assert.DoesNotContain("Not for rita", await page.ContentAsync());

        var foreign = await page.GotoAsync($"/rating/{teamBCampaign}");
        Assert.Equal(404, foreign!.Status);
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain("Team B rating", await page.ContentAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/api/v1/rating-campaigns/{teamBCampaign}/queue")).Status);
        await page.Context.CloseAsync();

        // A researcher of Team A does not see Team B's results either.
        var researcher = await portal.SignedInPageAsync(PortalFixture.ResearcherUser, PortalFixture.ResearcherPassword);
        Assert.Equal(404, (await researcher.GotoAsync($"/rating/campaigns/{teamBCampaign}/results"))!.Status);
        Assert.Equal(200, (await researcher.GotoAsync($"/rating/campaigns/{notMine}/results"))!.Status);
        await researcher.Context.CloseAsync();
    }

    private async Task<Guid> TeamBCampaignAsync()
    {
        using var adminB = await portal.Server.ApiClientAsync(PortalServer.AdminUser, PortalServer.AdminPassword, portal.TeamB);
        var admin = (await adminB.GetJsonAsync("/api/v1/teams/current"))["members"]!.AsArray().Select(m => (string)m!["userId"]!).First();
        var created = await adminB.SendJsonAsync(HttpMethod.Post, "/api/v1/rating-campaigns", new
        {
            name = "Team B rating",
            protocol = "ophora-seven-criteria",
            items = new[] { new { videos = new[] { new { source = "DatasetVideo", datasetId = portal.TeamBDataset, videoId = portal.TeamBVideo, model = "b-model" } } } },
            raters = new[] { admin },
            ratersPerItem = 1,
        });
        return Guid.Parse((string)created["id"]!);
    }
}
