namespace MedVid.Portal.BrowserTests;

/// <summary>
/// A generation job's page starts an evaluation of its videos against a dataset version; the evaluation appears with
/// its figures on the job's page and in the run page's evaluation section.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EvaluationTests(PortalFixture portal)
{
    [Fact]
    public async Task An_evaluation_started_from_a_generation_job_shows_its_figures_there_and_on_the_run_page()
    {
        var (run, _) = await portal.TrainedRunsAsync();
        var (dataset, version) = await portal.CuratedVersionAsync();
        var job = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/generation-jobs", new
        {
            trainingRunId = (string)run["id"]!, prompts = new[] { "An endoscopy video." }, countPerPrompt = 2, seeds = new[] { 3L, 4L },
            sampler = "ddim", steps = 2, guidance = 2.0, frames = 4, width = 32, height = 32, gpus = 0,
        });
        var jobId = (string)job["id"]!;
        await Poll.UntilAsync(async () => (string?)(await portal.Admin.GetJsonAsync($"/api/v1/generation-jobs/{jobId}"))["status"] == "Succeeded",
            TimeSpan.FromMinutes(2), "the generation job did not succeed");

        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword, height: 1100);
        await page.GotoAsync($"/generation/{jobId}");
        await Assertions.Expect(page.GetByTestId("no-evaluations")).ToBeVisibleAsync();

        // Nothing chosen: the form says what is missing and starts nothing.
        await page.ClickAsync("[data-testid=start-evaluation] button[type=submit]");
        await Assertions.Expect(page.GetByTestId("start-evaluation")).ToContainTextAsync("Choose a dataset version.");

        await page.SelectOptionAsync("#evaluation-data", $"{dataset}:{version}");
        await page.SelectOptionAsync("#evaluation-split", "all");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=start-evaluation] button[type=submit]"));
        var row = page.GetByTestId("evaluation-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // The table shows the outcome once the work item has run (the page is reloaded to see it).
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.GetAttributeAsync("data-status") is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromMinutes(2), "the evaluation did not finish");
        await Assertions.Expect(row.GetByTestId("evaluation-status")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(row.GetByTestId("evaluation-near-copies")).ToHaveTextAsync("0");
        await Assertions.Expect(row).ToContainTextAsync("(all, v" + version + ")");
        var evaluation = (await portal.Admin.GetJsonAsync($"/api/v1/evaluations?generationJobId={jobId}")).AsArray().Single()!;
        var sharpness = (double)evaluation["result"]!["generatedMeans"]!["sharpness"]!;
        await Assertions.Expect(row).ToContainTextAsync(sharpness.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "generation-evaluation");

        // The run page lists it under its checkpoint.
        await page.GotoAsync($"/training/{run["id"]}");
        var onRun = page.Locator($"[data-testid=evaluation-row][data-evaluation='{evaluation["id"]}']"); // other tests evaluate this run's videos too
        await Assertions.Expect(onRun).ToHaveCountAsync(1);
        await Assertions.Expect(onRun).ToHaveAttributeAsync("data-status", "Succeeded");
        await Assertions.Expect(onRun.Locator("td").Nth(1)).ToHaveTextAsync(((long)run["checkpoints"]!.AsArray()[^1]!["step"]!).ToString());
        // Its curves over checkpoints and the CSV of the run's evaluations.
        await Assertions.Expect(page.GetByTestId("curve-frechet")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("curve-sharpness")).ToBeVisibleAsync();
        var csv = await (await page.APIRequest.GetAsync((await page.GetByTestId("evaluations-csv").GetAttributeAsync("href"))!)).TextAsync();
        Assert.StartsWith("evaluation_id,training_run_id,checkpoint_step,", csv);
        Assert.Contains((string)evaluation["id"]!, csv);

        // Agreement with experts: a rater scores the two videos apart on a single-video campaign; the evaluation's page
        // for it shows rho for every metric (two videos: ±1, no interval).
        var world = await RatingWorld.OfAsync(portal);
        var report = await portal.Admin.GetJsonAsync($"/api/v1/blobs/{evaluation["result"]!["reportBlob"]}");
        var blobs = report["generated"]!.AsArray().Select(v => (string)v!["id"]!).ToList(); // the evaluated videos' blob paths
        var campaign = await world.CreateCampaignAsync("Realism of two videos", "medgen-distortion",
            blobs.Select(b => new { videos = new[] { new { source = "Generated", blobPath = b, model = "tiny-run" } } }),
            [PortalFixture.RaterUser, RatingWorld.SecondRater, RatingWorld.ThirdRater], 3);
        await world.RateAllAsync(campaign, RatingWorld.SecondRater, ["distortion"], (position, _) => position == 1 ? "none" : "severe");
        await page.GotoAsync($"/generation/{jobId}");
        await page.ClickAsync("[data-testid=evaluation-agreement]");
        await page.SelectOptionAsync("#agreement-campaign", campaign.ToString());
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=agreement-form] button[type=submit]"));
        await Assertions.Expect(page.GetByTestId("agreement-matched")).ToContainTextAsync("2 of 2 evaluated videos");
        await Assertions.Expect(page.Locator("[data-testid=agreement] tr[data-metric=sharpness] td[data-criterion=distortion]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^-?1\\.00$"));
        await Screenshots.SaveAsync(page, "evaluation-agreement");
    }
}
