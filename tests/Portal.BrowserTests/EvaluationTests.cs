using System.Text.Json.Nodes;
using MedVid.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

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
        var onRun = page.GetByTestId("evaluation-row");
        await Assertions.Expect(onRun).ToHaveCountAsync(1);
        await Assertions.Expect(onRun).ToHaveAttributeAsync("data-status", "Succeeded");
        await Assertions.Expect(onRun.Locator("td").Nth(1)).ToHaveTextAsync(((long)run["checkpoints"]!.AsArray()[^1]!["step"]!).ToString());
    }
}
