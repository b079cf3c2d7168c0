using System.IO.Compression;
using System.Security.Cryptography;

namespace MedVid.Portal.BrowserTests;

/// <summary>
/// "Export augmentation set" from a run that really trained (<see cref="TrainedRuns"/>): the form opens on that run, an
/// export run now generates on the CPU host, is packaged, downloads as a zip whose manifest matches its videos and adds a
/// synthetic version to a dataset; a second specification is scheduled, paused and resumed; a third, filtered by
/// rating, waits for its raters and is cancelled.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ExportTests(PortalFixture portal)
{
    [Fact]
    public async Task An_export_created_from_a_run_page_runs_downloads_and_is_scheduled()
    {
        var (run, _) = await portal.TrainedRunsAsync();
        var runId = (string)run["id"]!;
        var target = (string)(await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Synthetic echoes" }))["id"]!;
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword, height: 1100);
        await page.GotoAsync($"/training/{runId}");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("export-augmentation-set").ClickAsync());
        Assert.EndsWith($"/exports?run={runId}", page.Url);
        Assert.Equal(runId, await page.InputValueAsync("#export-run"));

        await page.FillAsync("#export-name", "browser export");
        await page.FillAsync("#export-labels", "echo=This is a ultrasound video.\nendoscopy=This is a endoscopy video.");
        await page.FillAsync("#export-per-label", "1");
        await page.FillAsync("#export-steps", "4");
        await page.SelectOptionAsync("#export-dataset", target);
        await page.FillAsync("#export-label-key", "modality");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=create-export] button[type=submit]"));
        await Assertions.Expect(page.GetByTestId("export-runs")).ToContainTextAsync("browser export");

        JsonNode exportRun = null!;
        await Poll.UntilAsync(async () =>
        {
            var runs = (await portal.Admin.GetJsonAsync("/api/v1/exports/runs")).AsArray();
            exportRun = runs.First(r => (string?)r!["name"] == "browser export")!;
            return (string?)exportRun["status"] is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromMinutes(3), "the export run never finished");
        Assert.True((string?)exportRun["status"] == "Succeeded", exportRun.ToJsonString());

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("export-download").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("export-dataset-version").First).ToContainTextAsync("Dataset version 1: 2 synthetic + 0 real clips");
        await Screenshots.SaveAsync(page, "exports");
        var firstRun = page.GetByTestId("export-runs").Locator("tr", new() { HasText = "browser export" });
        var videosPage = await page.Context.RunAndWaitForPageAsync(() => firstRun.GetByTestId("export-label-videos").First.ClickAsync(new() { Modifiers = [KeyboardModifier.Control] }));
        await Assertions.Expect(videosPage.GetByTestId("result-player")).ToHaveCountAsync(1);
        await Assertions.Expect(videosPage.GetByTestId("job-prompt").First).ToContainTextAsync("This is a ultrasound video.");
        await videosPage.CloseAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-download").First.ClickAsync());
        var file = await download.PathAsync();
        using (var zip = ZipFile.OpenRead(file))
        {
            var rows = JsonNode.Parse(new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd())!.AsArray();
            Assert.Equal(["echo", "endoscopy"], rows.Select(r => (string)r!["label"]!).Order());
            foreach (var row in rows)
            {
                using var video = zip.GetEntry((string)row!["file"]!)!.Open();
                Assert.Equal((string?)row["sha256"], Convert.ToHexStringLower(SHA256.HashData(video)));
            }
        }

        // The export's videos evaluated against the version it added: its training clips are those videos (near-copies).
        await page.RunAndWaitForNavigationAsync(() => firstRun.GetByTestId("export-evaluate").ClickAsync());
        await Assertions.Expect(page.GetByTestId("no-evaluations")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#evaluation-data", $"{target}:1");
        await page.SelectOptionAsync("#evaluation-split", "train");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=start-evaluation] button[type=submit]"));
        var evaluationRow = page.GetByTestId("evaluation-row");
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await evaluationRow.GetAttributeAsync("data-status") is "Succeeded" or "Failed" or "Cancelled";
        }, TimeSpan.FromMinutes(2), "the export's evaluation did not finish");
        await Assertions.Expect(evaluationRow.GetByTestId("evaluation-near-copies")).ToHaveTextAsync("2");
        await page.GotoAsync("/exports");

        await page.SelectOptionAsync("#export-run", runId);
        await page.FillAsync("#export-name", "weekly export");
        await page.FillAsync("#export-labels", "echo=This is a ultrasound video.");
        await page.FillAsync("#export-cron", "0 2 * * 0");
        await page.FillAsync("#export-zone", "Europe/Berlin");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=create-export] button[type=submit]"));
        await Assertions.Expect(page.GetByTestId("export-schedules")).ToContainTextAsync("0 2 * * 0");
        await Assertions.Expect(page.GetByTestId("export-schedules")).ToContainTextAsync("weekly export");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("schedule-pause").First.ClickAsync());
        await Assertions.Expect(page.GetByTestId("export-schedules")).ToContainTextAsync("(paused)");
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("schedule-resume").First.ClickAsync());
        await Assertions.Expect(page.GetByTestId("schedule-pause").First).ToBeVisibleAsync();

        // A filtered export waits for its raters after generating, shows how many videos they decided, and can be cancelled.
        await portal.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/current/members", new { userName = "erin", role = "rater", password = "erin-password-1" });
        await page.ReloadAsync();
        await page.SelectOptionAsync("#export-run", runId);
        await page.FillAsync("#export-name", "rated export");
        await page.FillAsync("#export-labels", "echo=This is a ultrasound video.");
        await page.FillAsync("#export-per-label", "1");
        await page.FillAsync("#export-steps", "4");
        await page.SelectOptionAsync("#export-filter", "ophora-seven-criteria");
        await page.FillAsync("#export-minimum-mean", "2");
        await page.SelectOptionAsync("#export-raters", new SelectOptionValue { Label = "erin" });
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=create-export] button[type=submit]"));
        await Poll.UntilAsync(async () => (string?)(await portal.Admin.GetJsonAsync("/api/v1/exports/runs")).AsArray()
            .First(r => (string?)r!["name"] == "rated export")!["status"] == "Rating", TimeSpan.FromMinutes(2), "the filtered run never waited for its raters");
        await page.ReloadAsync();
        var rated = page.GetByTestId("export-runs").Locator("tr", new() { HasText = "rated export" });
        await Assertions.Expect(rated.GetByTestId("export-rating")).ToContainTextAsync("Raters: 0/1 decided, 0 accepted");
        await page.RunAndWaitForNavigationAsync(() => rated.GetByTestId("export-cancel").ClickAsync());
        await Assertions.Expect(page.GetByTestId("export-runs").Locator("tr", new() { HasText = "rated export" }).GetByTestId("export-retry")).ToBeVisibleAsync();

        await page.GotoAsync($"/datasets/{target}");
        await Assertions.Expect(page.GetByTestId("versions")).ToContainTextAsync($"export {(string)exportRun["id"]!}");
        await page.GotoAsync($"/datasets/{target}/versions/1");
        await Assertions.Expect(page.GetByTestId("clip-synthetic")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }
}
