using MedVid.Phantoms;

namespace MedVid.Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class DatasetTests(PortalFixture portal)
{
    [Fact]
    public async Task A_researcher_creates_a_dataset_uploads_a_video_with_progress_and_its_preview_plays()
    {
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync("/datasets");
        await page.FillAsync("#dataset-name", "Upload check");
        await page.FillAsync("#dataset-description", "made by the browser test");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("create-dataset").Locator("button[type=submit]").ClickAsync());
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync("Upload check");

        var file = await TestVideos.WriteTestPatternAsync(Path.Combine(portal.Server.Root, "uploads"), "pattern.mp4");
        await page.SetInputFilesAsync("[data-upload-files]", file);
        await page.FillAsync("[data-upload-modality]", "endoscopy");
        await page.ClickAsync("[data-upload-start]");
        var row = page.Locator("[data-upload-list] li").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "uploaded");
        await Assertions.Expect(row.Locator("[data-upload-progress]")).ToHaveAttributeAsync("aria-valuenow", "100");

        // The live region shows the ingested video without a reload; its proxy MP4 streams with Range from the API.
        var preview = page.GetByTestId("video-preview").First;
        await Assertions.Expect(preview).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("video-label").First).ToHaveTextAsync("modality: endoscopy");
        await preview.EvaluateAsync("v => v.play()");
        await page.WaitForFunctionAsync(
            "() => { const v = document.querySelector('[data-testid=video-preview]'); return v.readyState >= 2 && v.currentTime > 0; }");
        await Screenshots.SaveAsync(page, "dataset");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancelling_an_upload_stops_it_and_retry_sends_it_again()
    {
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        var dataset = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Cancel check" });
        await page.GotoAsync($"/datasets/{dataset["id"]}");
        // Hold the upload request so the cancel button is pressed while it is in flight.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/videos", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var file = await TestVideos.WriteTestPatternAsync(Path.Combine(portal.Server.Root, "uploads"), "cancel-me.mp4");
        await page.SetInputFilesAsync("[data-upload-files]", file);
        await page.ClickAsync("[data-upload-start]");
        var row = page.Locator("[data-upload-list] li").First;
        await row.Locator("[data-cancel]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "cancelled");
        release.SetResult();
        await page.UnrouteAllAsync();
        await row.Locator("[data-retry]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "uploaded");
        var videos = (await portal.Admin.GetJsonAsync($"/api/v1/datasets/{dataset["id"]}/videos")).AsArray();
        Assert.Single(videos);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_curation_run_shows_live_progress_to_done_and_its_version_has_statistics_and_playable_clips()
    {
        var dataset = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Curation check" });
        var datasetId = Guid.Parse((string)dataset["id"]!);
        var spec = PhantomCatalog.Demo(seed: 7).First(s => s.Modality == Modality.Endoscopy);
        var labels = new Dictionary<string, string>(spec.Labels) { ["description"] = Xss.Script + Xss.Image };
        await PortalFixture.UploadPhantomAsync(portal.Admin, datasetId, spec, labels, portal.Server.Root);

        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync($"/datasets/{datasetId}");
        await page.SelectOptionAsync("#curation-preset", "bora-128");
        await page.FillAsync("#curation-notes", "browser test");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("start-curation").Locator("button[type=submit]").ClickAsync());
        var progress = page.GetByTestId("curation-progress").First;
        await Assertions.Expect(progress).ToHaveTextAsync("done", new() { Timeout = 90_000 });
        await page.GetByTestId("curation-version").First.ClickAsync();

        await Assertions.Expect(page.GetByTestId("stage-table")).ToBeVisibleAsync();
        // charts.js draws on DOMContentLoaded, which can come after the table is visible: wait for it (a timeout fails).
        await page.WaitForFunctionAsync("() => !!document.querySelector('[data-testid=stage-chart]')?.chart");
        var clip = page.GetByTestId("clip-player").First;
        await Assertions.Expect(clip).ToBeVisibleAsync();
        await clip.EvaluateAsync("v => v.play()");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=clip-player]'); return v.readyState >= 2 && v.currentTime > 0; }");
        // The caption carries the description label: shown as text, never run.
        await Assertions.Expect(page.GetByTestId("clip-caption").Filter(new() { HasText = Xss.Script }).First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(Xss.DidNotRun), "a caption's markup ran as script");
        await Screenshots.SaveAsync(page, "dataset-version");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Markup_in_names_labels_and_file_names_is_shown_as_text_and_never_runs()
    {
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync("/datasets");
        await page.FillAsync("#dataset-name", Xss.Script);
        await page.FillAsync("#dataset-description", Xss.Image);
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("create-dataset").Locator("button[type=submit]").ClickAsync());
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync(Xss.Script);
        await Assertions.Expect(page.GetByTestId("dataset-description")).ToHaveTextAsync(Xss.Image);

        var file = await TestVideos.WriteTestPatternAsync(Path.Combine(portal.Server.Root, "uploads"), $"{Xss.FileImage}.mp4");
        await page.SetInputFilesAsync("[data-upload-files]", file);
        await page.FillAsync("[data-upload-modality]", Xss.Script);
        await page.ClickAsync("[data-upload-start]");
        await Assertions.Expect(page.Locator("[data-upload-list] li").First).ToHaveAttributeAsync("data-state", "uploaded");
        await Assertions.Expect(page.GetByTestId("video-name").First).ToHaveTextAsync($"{Xss.FileImage}.mp4", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("video-label").First).ToHaveTextAsync($"modality: {Xss.Script}");

        await page.GotoAsync("/datasets");
        await Assertions.Expect(page.GetByTestId("datasets")).ToContainTextAsync(Xss.Script);
        Assert.True(await page.EvaluateAsync<bool>(Xss.DidNotRun), "markup from a dataset ran as script");
        await page.GotoAsync("/");
        Assert.True(await page.EvaluateAsync<bool>(Xss.DidNotRun), "markup ran as script on the dashboard");
        await page.Context.CloseAsync();
    }
}
