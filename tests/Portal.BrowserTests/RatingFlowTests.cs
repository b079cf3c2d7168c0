using System.Globalization;

namespace MedVid.Portal.BrowserTests;

/// <summary>Resuming where a rater stopped, saving errors shown as the server words them, the players' keys, and creating a campaign in the form.</summary>
[Collection(PortalCollection.Name)]
public sealed class RatingFlowTests(PortalFixture portal)
{
    [Fact]
    public async Task A_rater_who_rated_two_items_resumes_on_the_third()
    {
        var world = await RatingWorld.OfAsync(portal);
        var items = Enumerable.Range(1, 4).Select(i => (object)new { videos = new[] { world.VideoAs("dist-model") }, label = $"case {i}" });
        var campaign = await world.CreateCampaignAsync("Resume check", "medgen-distortion", items,
            [PortalFixture.RaterUser, RatingWorld.SecondRater, RatingWorld.ThirdRater], 3);

        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        await page.GotoAsync($"/rating/{campaign}");
        var screen = page.GetByTestId("rating-screen");
        await Assertions.Expect(page.GetByTestId("shortcut-legend")).ToContainTextAsync("Moderate distortion");
        foreach (var key in new[] { "2", "Enter", "4" })
            await page.Keyboard.PressAsync(key);
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-pending", "0");
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-save-state", "saved");
        await Assertions.Expect(page.GetByTestId("rated-count")).ToContainTextAsync("2 of 4 rated");

        await page.ReloadAsync();
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-position", "3");
        await Assertions.Expect(page.GetByTestId("item-label")).Not.ToHaveTextAsync("");

        // Later, from the list of campaigns: the progress and Continue land on the same item.
        await page.GotoAsync("/rating");
        var row = page.Locator($"[data-testid=assigned-campaign][data-campaign='{campaign}']");
        await Assertions.Expect(row.GetByTestId("campaign-progress")).ToHaveTextAsync("2 / 4 rated");
        await Assertions.Expect(row.GetByTestId("continue")).ToHaveTextAsync("Continue");
        await row.GetByTestId("continue").ClickAsync();
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-position", "3");

        // P goes back to item 2 with its saved answer shown.
        await page.Keyboard.PressAsync("p");
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-position", "2");
        await Assertions.Expect(page.GetByTestId("criterion-distortion").Locator("[aria-pressed=true]")).ToHaveAttributeAsync("data-level", "severe");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_save_shows_the_servers_message_and_keeps_the_earlier_answer()
    {
        var world = await RatingWorld.OfAsync(portal);
        var campaign = await world.CreateCampaignAsync("Closed while rating", "ophora-seven-criteria",
            [new { videos = new[] { world.VideoAs("ophora-gen") }, label = "incision" }], [PortalFixture.RaterUser], 1);
        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        await page.GotoAsync($"/rating/{campaign}");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.GetByTestId("rating-screen")).ToHaveAttributeAsync("data-save-state", "saved");

        await portal.Admin.PostAsync($"/api/v1/rating-campaigns/{campaign}/close", null);
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("0");
        await Assertions.Expect(page.GetByTestId("rating-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rating-error")).ToContainTextAsync("closed");
        await Assertions.Expect(page.GetByTestId("criterion-phase-matching")).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(page.GetByTestId("criterion-phase-matching").Locator("[aria-pressed=true]")).ToHaveAttributeAsync("data-level", "2");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Space_plays_and_pauses_and_the_frame_keys_step_a_paused_video()
    {
        var world = await RatingWorld.OfAsync(portal);
        var campaign = await world.CreateCampaignAsync("Player keys", "medgen-pairwise",
            [new { videos = new[] { world.VideoAs("left-model"), world.VideoAs("right-model") }, prompt = "a polyp" }], [PortalFixture.RaterUser], 1);
        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        await page.GotoAsync($"/rating/{campaign}");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('video[data-side]')].every(v => v.readyState >= 2)");
        await page.Keyboard.PressAsync(" ");
        // Frame keys step by the frame length the page measures while the videos play; a slow browser needs longer.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('video[data-side]')].every(v => !v.paused && v.frameSeconds > 0)");
        await page.Keyboard.PressAsync(" ");
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('video[data-side]')].every(v => v.paused)"));

        var before = await page.EvaluateAsync<double>("() => document.querySelector('video[data-side=left]').currentTime");
        await page.Keyboard.PressAsync(".");
        var after = await page.EvaluateAsync<double>("() => document.querySelector('video[data-side=left]').currentTime");
        // The test pattern has 10 frames a second, which the page measured while the video played.
        Assert.InRange(after - before, 0.09, 0.11);
        await page.Keyboard.PressAsync(",");
        await page.Keyboard.PressAsync(",");
        var back = await page.EvaluateAsync<double>("() => document.querySelector('video[data-side=left]').currentTime");
        Assert.InRange(after - back, 0.19, 0.21);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_researcher_creates_a_pairwise_campaign_in_the_form_and_sees_the_servers_errors()
    {
        var world = await RatingWorld.OfAsync(portal);
        var page = await portal.SignedInPageAsync(PortalFixture.ResearcherUser, PortalFixture.ResearcherPassword);
        await page.GotoAsync("/rating/campaigns");
        var form = page.GetByTestId("create-campaign");
        var videoValue = $"d:{world.Dataset}:{world.Video}";
        await page.FillAsync("#campaign-name", "Form pairs vs gen-x");
        await page.SelectOptionAsync("#campaign-protocol", "medgen-pairwise");
        await page.CheckAsync($"#rater-{world.Users[RatingWorld.SecondRater]}");
        await page.CheckAsync($"#rater-{world.Users[RatingWorld.ThirdRater]}");
        await page.FillAsync("#campaign-raters-per-item", "2");
        await page.SelectOptionAsync("#pair-a-0", videoValue);
        await page.FillAsync("#pair-model-a-0", "gen-x");
        await page.SelectOptionAsync("#pair-b-0", videoValue);
        await page.FillAsync("#pair-prompt-0", "An endoscopic view of a polyp");
        await form.Locator("[data-add-pair]").ClickAsync();
        await page.SelectOptionAsync("#pair-a-4", videoValue);
        await page.FillAsync("#pair-model-a-4", "gen-y");
        await page.SelectOptionAsync("#pair-b-4", videoValue);
        await page.SelectOptionAsync("#pair-gold-4", "both-lose");
        await page.RunAndWaitForNavigationAsync(() => form.Locator("button[type=submit]").ClickAsync());

        // The name gives a model away: the server refuses it and the form says why, keeping what was entered.
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("Blinding");
        await Assertions.Expect(page.Locator("#pair-model-a-4")).ToHaveValueAsync("gen-y");
        await page.FillAsync("#campaign-name", "Form pairs");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("create-campaign").Locator("button[type=submit]").ClickAsync());

        await Assertions.Expect(page.GetByTestId("results-name")).ToHaveTextAsync("Form pairs");
        var id = page.Url.Split('/')[^2];
        var created = await portal.Admin.GetJsonAsync($"/api/v1/rating-campaigns/{id}");
        var items = created["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(["gen-x", "real"], items[0]!["videos"]!.AsArray().Select(v => (string?)v!["model"]));
        Assert.Equal("An endoscopic view of a polyp", (string?)items[0]!["prompt"]);
        Assert.Equal(["gen-y", "real"], items[1]!["videos"]!.AsArray().Select(v => (string?)v!["model"]));
        Assert.Equal(2, (int)created["ratersPerItem"]!);
        Assert.Null(items[0]!["gold"]);
        Assert.Equal(["both-lose", "both-lose", "both-lose"], items[1]!["gold"]!.AsObject().Select(g => (string?)g.Value));

        // The second rater says "both lose" everywhere (right on the gold pair), the third "left" (wrong on it).
        string[] criteria = ["text-alignment", "medical-accuracy", "visual-quality"];
        await world.RateAllAsync(Guid.Parse(id), RatingWorld.SecondRater, criteria, (_, _) => "both-lose");
        await world.RateAllAsync(Guid.Parse(id), RatingWorld.ThirdRater, criteria, (_, _) => "left");
        await page.ReloadAsync();
        var ranking = page.Locator("[data-testid=ranking][data-criterion=visual-quality]");
        await Assertions.Expect(ranking.Locator("tbody tr")).ToHaveCountAsync(2); // gen-x and real; the gold pair's gen-y ranks nothing
        await Assertions.Expect(ranking.Locator("tr[data-system=gen-y]")).ToHaveCountAsync(0);
        var reliability = page.GetByTestId("reliability");
        await Assertions.Expect(reliability.Locator($"tr[data-rater='{world.Users[RatingWorld.SecondRater]}'] td").Nth(3)).ToHaveTextAsync("100.0 %");
        await Assertions.Expect(reliability.Locator($"tr[data-rater='{world.Users[RatingWorld.ThirdRater]}'] td").Nth(3)).ToHaveTextAsync("0.0 %");
        await Screenshots.SaveAsync(page, "rating-results-ranking");

        await page.GotoAsync("/rating/campaigns");
        await Assertions.Expect(page.GetByTestId("campaigns").GetByText("Form pairs", new() { Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
