using System.Globalization;

namespace MedVid.Portal.BrowserTests;

/// <summary>
/// Raters complete campaigns with the keyboard alone; the results page then shows the kappas this test computes
/// itself from the stored ratings (CSV).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RatingKeyboardTests(PortalFixture portal)
{
    private static readonly string[] PairCriteria = ["text-alignment", "medical-accuracy", "visual-quality"];
    private static readonly string[] PairChoices = ["left", "right", "tie", "both-lose"];
    private static readonly string[] OphoraCriteria =
        ["phase-matching", "phase-completeness", "construction-realism", "construction-stability", "action-realism", "action-logic", "action-effectiveness"];

    [Fact]
    public async Task A_rater_completes_a_pairwise_campaign_with_the_keyboard_and_the_results_show_the_kappas()
    {
        var world = await RatingWorld.OfAsync(portal);
        var items = Enumerable.Range(1, 3).Select(i => (object)new
        {
            videos = new[] { world.VideoAs("alpha-net", "step-100"), world.VideoAs("beta-net") },
            prompt = $"Colonoscopy with a small polyp, view {i}",
            label = "colon",
        });
        var campaign = await world.CreateCampaignAsync("Pairwise by keyboard", "medgen-pairwise", items, [PortalFixture.RaterUser, RatingWorld.SecondRater], 2);

        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        await page.GotoAsync($"/rating/{campaign}");
        var screen = page.GetByTestId("rating-screen");
        string[][] keys = [["ArrowLeft", "ArrowRight", "t"], ["b", "1", "2"], ["3", "4", "ArrowLeft"]];
        string[][] expected = [["left", "right", "tie"], ["both-lose", "left", "right"], ["tie", "both-lose", "left"]];
        for (var i = 0; i < keys.Length; i++)
        {
            await Assertions.Expect(screen).ToHaveAttributeAsync("data-position", (i + 1).ToString(CultureInfo.InvariantCulture));
            foreach (var key in keys[i]) await page.Keyboard.PressAsync(key);
            await Assertions.Expect(screen).ToHaveAttributeAsync("data-pending", "0");
            await Assertions.Expect(page.GetByTestId("criterion-visual-quality").Locator("[aria-pressed=true]")).ToHaveAttributeAsync("data-level", expected[i][2]);
            if (i == 1) await Screenshots.SaveAsync(page, "rating-pairwise");
            await page.Keyboard.PressAsync("Enter");
        }
        await Assertions.Expect(page.GetByTestId("rating-done")).ToBeVisibleAsync();

        // What the server stored for the rater, in their own screen terms, is exactly what the keys chose.
        var queue = JsonNode.Parse(await (await page.APIRequest.GetAsync($"/api/v1/rating-campaigns/{campaign}/queue")).TextAsync())!;
        foreach (var task in queue["tasks"]!.AsArray())
        {
            var position = (int)task!["position"]! - 1;
            Assert.Equal(expected[position], PairCriteria.Select(c => (string?)task["ratings"]![c]));
        }
        await page.Context.CloseAsync();

        await world.RateAllAsync(campaign, RatingWorld.SecondRater, PairCriteria, (position, criterion) => PairChoices[(position + criterion) % 4]);
        await AssertResultsShowAgreementAsync(world, campaign, PairCriteria, categories: 4, linear: false, ratersPerItem: 2, screenshot: null);
    }

    [Fact]
    public async Task A_rater_completes_a_seven_criteria_campaign_with_the_keyboard_and_the_results_show_the_kappas()
    {
        var world = await RatingWorld.OfAsync(portal);
        object[] items =
        [
            new { videos = new[] { world.VideoAs("ophora-gen", "ep-30") }, label = "capsulorhexis" },
            new { videos = new[] { world.VideoAs("ophora-gen", "ep-30") }, label = "phacoemulsification" },
            new { videos = new[] { world.VideoAs("real") }, label = "capsulorhexis" },
        ];
        var campaign = await world.CreateCampaignAsync("Cataract realism", "ophora-seven-criteria", items,
            [PortalFixture.RaterUser, RatingWorld.SecondRater, RatingWorld.ThirdRater], 3);

        var page = await portal.SignedInPageAsync(PortalFixture.RaterUser, PortalFixture.RaterPassword);
        await page.GotoAsync($"/rating/{campaign}");
        var screen = page.GetByTestId("rating-screen");
        // The legend and every level show Ophora's meaning of the score.
        await Assertions.Expect(page.GetByTestId("shortcut-legend")).ToContainTextAsync("3: 90%-100% realism");
        await Assertions.Expect(page.GetByTestId("criterion-phase-matching")).ToContainTextAsync("The aspect is realistic in at most 10% of the video.");
        string[] scores = ["3231023", "2213301", "0123321"];
        for (var i = 0; i < scores.Length; i++)
        {
            await Assertions.Expect(screen).ToHaveAttributeAsync("data-position", (i + 1).ToString(CultureInfo.InvariantCulture));
            foreach (var digit in scores[i]) await page.Keyboard.PressAsync(digit.ToString());
            await Assertions.Expect(screen).ToHaveAttributeAsync("data-pending", "0");
            await Assertions.Expect(page.GetByTestId("rated-count")).ToContainTextAsync($"{i + 1} of 3 rated");
            await page.Keyboard.PressAsync("n");
        }
        await Assertions.Expect(page.GetByTestId("rating-done")).ToBeVisibleAsync();
        var queue = JsonNode.Parse(await (await page.APIRequest.GetAsync($"/api/v1/rating-campaigns/{campaign}/queue")).TextAsync())!;
        foreach (var task in queue["tasks"]!.AsArray())
            Assert.Equal(scores[(int)task!["position"]! - 1].Select(d => d.ToString()), OphoraCriteria.Select(c => (string?)task["ratings"]![c]));
        await page.Context.CloseAsync();

        await world.RateAllAsync(campaign, RatingWorld.SecondRater, OphoraCriteria, (position, criterion) => ((position * 2 + criterion) % 4).ToString(CultureInfo.InvariantCulture));
        await world.RateAllAsync(campaign, RatingWorld.ThirdRater, OphoraCriteria, (position, criterion) => (criterion % 3 + (position == 2 ? 1 : 0)).ToString(CultureInfo.InvariantCulture));
        await AssertResultsShowAgreementAsync(world, campaign, OphoraCriteria, categories: 4, linear: true, ratersPerItem: 3, screenshot: "rating-results");
    }

    /// <summary>
    /// Opens the results page as the researcher and checks every Cohen's kappa (each rater pair, each criterion and
    /// pooled) and every Fleiss' kappa against the test's own computation over the CSV's ratings.
    /// </summary>
    private async Task AssertResultsShowAgreementAsync(RatingWorld world, Guid campaign, string[] criteria, int categories, bool linear, int ratersPerItem, string? screenshot)
    {
        var stored = await world.StoredRatingsAsync(campaign);
        var page = await portal.SignedInPageAsync(PortalFixture.ResearcherUser, PortalFixture.ResearcherPassword);
        await page.GotoAsync($"/rating/campaigns/{campaign}/results");
        var scopes = criteria.Select(c => (Id: c, Criteria: new[] { c })).Append(("*", criteria)).ToList();

        var raters = stored.Select(r => r.RaterId).Distinct().Order(StringComparer.Ordinal).ToList();
        var checkedPairs = 0;
        for (var i = 0; i < raters.Count; i++)
            for (var j = i + 1; j < raters.Count; j++)
                foreach (var (id, ofScope) in scopes)
                {
                    var first = stored.Where(r => r.RaterId == raters[i] && ofScope.Contains(r.Criterion)).ToDictionary(r => (r.ItemId, r.Criterion), r => r.Value);
                    var pairs = stored.Where(r => r.RaterId == raters[j] && first.ContainsKey((r.ItemId, r.Criterion)))
                        .Select(r => (first[(r.ItemId, r.Criterion)], r.Value)).ToList();
                    var row = page.Locator($"[data-testid=cohen-row][data-rater-a='{raters[i]}'][data-rater-b='{raters[j]}'][data-criterion='{id}']");
                    AssertShown(Agreement.Cohen(pairs, categories, linear), await row.GetByTestId("cohen-kappa").TextContentAsync(), $"Cohen {id} {i}-{j}");
                    AssertShown(Agreement.Cohen(pairs, categories, linear: false), await row.GetByTestId("cohen-unweighted").TextContentAsync(), $"unweighted Cohen {id} {i}-{j}");
                    checkedPairs++;
                }
        Assert.Equal(raters.Count * (raters.Count - 1) / 2 * scopes.Count, checkedPairs);

        foreach (var (id, ofScope) in scopes)
        {
            var rows = stored.Where(r => ofScope.Contains(r.Criterion)).GroupBy(r => (r.ItemId, r.Criterion))
                .Where(g => g.Count() == ratersPerItem).Select(g => g.Select(r => r.Value).ToArray()).ToList();
            var cell = page.Locator($"[data-testid=fleiss-row][data-criterion='{id}']").GetByTestId("fleiss-kappa");
            AssertShown(Agreement.Fleiss(rows, categories), await cell.TextContentAsync(), $"Fleiss {id}");
        }
        // charts.js draws on DOMContentLoaded; wait for every chart (a timeout fails the test).
        await page.WaitForFunctionAsync("() => { const c = [...document.querySelectorAll('canvas[data-chart]')]; return c.every(x => !!x.chart); }");
        if (screenshot is not null) await Screenshots.SaveAsync(page, screenshot);
        await page.Context.CloseAsync();
    }

    private static void AssertShown(double? expected, string? shown, string what)
    {
        if (expected is null)
        {
            Assert.True(shown?.Trim() == "—", $"{what}: expected undefined, the page shows {shown}");
            return;
        }
        Assert.True(double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"{what}: the page shows '{shown}'");
        Assert.True(Math.Abs(value - expected.Value) < 0.0006, $"{what}: the page shows {shown}, the test computes {expected:0.0000}");
    }
}
