namespace MedVid.Portal.BrowserTests;

/// <summary>Training and generation forms against the current API: server errors are shown, runs can be watched and cancelled.</summary>
[Collection(PortalCollection.Name)]
public sealed class RunTests(PortalFixture portal)
{
    [Fact]
    public async Task The_training_form_shows_the_servers_error_then_starts_a_run_that_waits_for_a_gpu_and_is_cancelled()
    {
        var (dataset, version) = await portal.CuratedVersionAsync();
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync("/training");
        await page.SelectOptionAsync("#training-data", $"{dataset}:{version}");
        await page.FillAsync("#training-steps", "0");
        await page.ClickAsync("[data-testid=start-training] button[type=submit]");
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("totalSteps must be between 1 and");

        // One GPU on a CPU-only host: the run stays queued, and says why.
        await page.FillAsync("#training-steps", "100000");
        await page.FillAsync("#training-gpus", "1");
        await page.FillAsync("#hp-lr", "0.0001");
        await page.FillAsync("#hp-batch_size", "2");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=start-training] button[type=submit]"));
        Assert.Matches("/training/[0-9a-f-]{36}$", page.Url);
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Queued");
        await Assertions.Expect(page.GetByTestId("run-spec")).ToContainTextAsync("batch_size");
        await Screenshots.SaveAsync(page, "training-run-queued");
        // Reaching a terminal state reloads the page once so the server renders it; wait for that reload, or the next
        // navigation races it.
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("run-cancel").ClickAsync());
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("run-cancel")).ToBeHiddenAsync();
        await page.GotoAsync("/training");
        await Assertions.Expect(page.GetByTestId("training-runs")).ToContainTextAsync("Cancelled");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_generation_form_shows_the_servers_error_for_a_run_without_a_model_and_keeps_prompts_inert()
    {
        var (dataset, version) = await portal.CuratedVersionAsync();
        var run = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/training-runs",
            new { datasetId = dataset, datasetVersion = version, recipe = "standard", modelSize = "tiny", totalSteps = 10, gpus = 1 });
        await portal.Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/training-runs/{run["id"]}/cancel", new { });

        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync("/generation");
        await page.SelectOptionAsync("#generation-run", (string)run["id"]!);
        await page.FillAsync("#generation-prompts", $"An endoscopy video. {Xss.Script}");
        await page.ClickAsync("[data-testid=start-generation] button[type=submit]");
        var error = page.GetByTestId("form-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await error.TextContentAsync()));
        // The form keeps what was typed, as text.
        await Assertions.Expect(page.Locator("#generation-prompts")).ToHaveValueAsync($"An endoscopy video. {Xss.Script}");
        Assert.True(await page.EvaluateAsync<bool>(Xss.DidNotRun), "a prompt ran as script");
        await Screenshots.SaveAsync(page, "generation");
        await page.Context.CloseAsync();
    }
}
