using System.Text.RegularExpressions;

namespace MedVid.Portal.BrowserTests;

/// <summary>
/// Pages of runs that really trained (two tiny models, <see cref="TrainedRuns"/>): the run page's curves drawn from the
/// metrics history with the VAE stage apart, its checkpoint with a playing sample video, a generation started from that
/// checkpoint with its provenance, two runs overlaid on the comparison page, and the start form's pickers and catalog.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TrainedModelTests(PortalFixture portal)
{
    private const string ChartSizes =
        "canvas => { const chart = Chart.getChart(canvas); return chart ? chart.data.datasets.map(d => d.data.length) : []; }";

    [Fact]
    public async Task The_run_page_draws_the_whole_history_shows_the_checkpoint_with_a_playing_sample_and_generates_from_it()
    {
        var (run, _) = await portal.TrainedRunsAsync();
        var id = (string)run["id"]!;
        var history = (await portal.Admin.GetJsonAsync($"/api/v1/training-runs/{id}/metrics")).AsArray().Select(p => p!["values"]!).ToList();
        var vaePoints = history.Count(v => (double?)v["stage_vae"] == 1 && v["loss"] is not null);
        var diffusionPoints = history.Count(v => (double?)v["stage_vae"] == 0 && v["loss"] is not null);
        Assert.True(vaePoints >= 1 && diffusionPoints >= 3, $"the run recorded {vaePoints} VAE and {diffusionPoints} diffusion points");

        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword, height: 1000);
        await page.GotoAsync($"/training/{id}");
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded");

        // The loss chart holds every stored point of the history, the VAE stage in its own dataset.
        var loss = page.Locator("canvas[data-metric=loss]");
        await Assertions.Expect(loss).ToHaveAttributeAsync("data-points", (vaePoints + diffusionPoints).ToString());
        Assert.Equal([vaePoints, diffusionPoints], await loss.EvaluateAsync<int[]>(ChartSizes));
        Assert.Equal(["VAE stage", "diffusion"], await loss.EvaluateAsync<string[]>("c => Chart.getChart(c).data.datasets.map(d => d.label)"));
        Assert.Equal(history.Count(v => v["lr"] is not null), (await page.Locator("canvas[data-metric=lr]").EvaluateAsync<int[]>(ChartSizes)).Sum());
        Assert.True((await page.Locator("canvas[data-metric=samples_per_s]").EvaluateAsync<int[]>(ChartSizes)).Sum() > 0, "no samples/s points");
        // The prompt effect beside the loss: every diffusion point after the first measurement carries it. (This
        // fixture's dataset has one modality, so only the effect against the empty prompt exists.)
        var promptEffects = history.Count(v => v["prompt_effect_empty"] is not null);
        Assert.True(promptEffects > 0, "the run's history holds no prompt effect");
        Assert.Equal(promptEffects, (await page.Locator("canvas[data-metric=prompt_effect_empty]").EvaluateAsync<int[]>(ChartSizes)).Sum());
        // The stated-number effect has its own chart, drawn from the same history (absent when no caption states a number).
        var valueEffects = history.Count(v => v["prompt_effect_value"] is not null);
        Assert.Equal(valueEffects, (await page.Locator("canvas[data-metric=prompt_effect_value]").EvaluateAsync<int[]>(ChartSizes)).Sum());

        // The kept checkpoint (keep_checkpoints 1: step 200) with its hash and sample videos, which play.
        var checkpoint = Assert.Single(run["checkpoints"]!.AsArray())!;
        var row = page.GetByTestId("checkpoint-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-step", "200");
        await Assertions.Expect(row).ToContainTextAsync(((string)checkpoint["modelSha256"]!)[..12]);
        await Assertions.Expect(row.GetByTestId("checkpoint-sample")).ToHaveCountAsync(checkpoint["sampleVideos"]!.AsArray().Count);
        var sample = row.GetByTestId("checkpoint-sample").First;
        await sample.EvaluateAsync("v => v.play()");
        await page.WaitForFunctionAsync("v => v.readyState >= 2 && v.currentTime > 0", await sample.ElementHandleAsync());
        await Screenshots.SaveAsync(page, "training-run");

        // "Generate from this checkpoint" opens the form on this run and step, at the size the run trained at.
        await row.GetByTestId("generate-from-checkpoint").ClickAsync();
        await page.WaitForURLAsync(new Regex("/generation\\?run="));
        await Assertions.Expect(page.Locator("#generation-run")).ToHaveValueAsync(id);
        await Assertions.Expect(page.Locator("#generation-checkpoint")).ToHaveValueAsync("200");
        await Assertions.Expect(page.Locator("#generation-frames")).ToHaveValueAsync("4");
        await Assertions.Expect(page.Locator("#generation-width")).ToHaveValueAsync("32");
        await page.FillAsync("#generation-prompts", "An endoscopy video.");
        await page.FillAsync("#generation-seeds", "17");
        await page.FillAsync("#generation-steps", "4");
        await page.FillAsync("#generation-eta", "0.5");
        await page.SelectOptionAsync("#generation-spacing", "trailing");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("[data-testid=start-generation] button[type=submit]"));
        Assert.Matches("/generation/[0-9a-f-]{36}$", page.Url);

        // The page reloads itself when the job is done and shows the video with its provenance.
        await Assertions.Expect(page.GetByTestId("job-status")).ToHaveTextAsync(new Regex("Succeeded|Failed|Cancelled"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 1_000 });
        var player = page.GetByTestId("result-player");
        await Assertions.Expect(player).ToHaveCountAsync(1);
        var provenance = page.GetByTestId("result-provenance");
        await Assertions.Expect(provenance).ToContainTextAsync("seed 17");
        await Assertions.Expect(provenance).ToContainTextAsync("(trailing, η 0.5)");
        await Assertions.Expect(provenance).ToContainTextAsync("checkpoint step 200");
        await Assertions.Expect(provenance).ToContainTextAsync(((string)checkpoint["modelSha256"]!)[..12]);
        await player.EvaluateAsync("v => v.play()");
        await page.WaitForFunctionAsync("v => v.readyState >= 2 && v.currentTime > 0", await player.ElementHandleAsync());
        await Screenshots.SaveAsync(page, "generation-results");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_runs_picked_on_the_runs_list_are_overlaid_on_the_comparison_page()
    {
        var (a, b) = await portal.TrainedRunsAsync();
        var (idA, idB) = ((string)a["id"]!, (string)b["id"]!);
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword, height: 1000);
        await page.GotoAsync("/training");
        await page.SelectOptionAsync("#compare-a", idA);
        await page.SelectOptionAsync("#compare-b", idB);
        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("compare-runs").Locator("button[type=submit]").ClickAsync());
        Assert.EndsWith($"/training/compare?a={idA}&b={idB}", page.Url);

        // One dataset per run on both charts, each with that run's whole loss / learning-rate history.
        foreach (var metric in new[] { "loss", "lr" })
        {
            var canvas = page.Locator($"canvas[data-metric={metric}]");
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-points", new Regex("^\\d+,\\d+$"));
            Assert.Equal([await PointsAsync(idA, metric), await PointsAsync(idB, metric)], await canvas.EvaluateAsync<int[]>(ChartSizes));
            var labels = await canvas.EvaluateAsync<string[]>("c => Chart.getChart(c).data.datasets.map(d => d.label)");
            Assert.StartsWith($"A · {idA[..8]}", labels[0]);
            Assert.StartsWith($"B · {idB[..8]}", labels[1]);
        }
        // The specifications side by side, the differing learning rate marked.
        await Assertions.Expect(page.GetByTestId("compare-spec").Locator("tr.table-warning", new() { HasText = "lr" })).ToContainTextAsync("0.002");
        await Screenshots.SaveAsync(page, "training-compare");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_start_form_lists_the_catalog_with_defaults_offers_succeeded_runs_as_base_and_shows_the_servers_errors()
    {
        var (a, _) = await portal.TrainedRunsAsync();
        var (dataset, version) = await portal.CuratedVersionAsync();
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync("/training");
        await Assertions.Expect(page.Locator("#hp-lr")).ToHaveAttributeAsync("placeholder", "0.0001");
        await Assertions.Expect(page.GetByTestId("hyperparameters").Locator("tbody tr")).ToHaveCountAsync(HyperparameterCount());
        await Assertions.Expect(page.Locator($"#training-base option[value='{a["id"]}']")).ToHaveCountAsync(1);

        // A fine-tuning recipe without a base run, then an out-of-range value: the server's reasons, the typed value kept.
        await page.SelectOptionAsync("#training-data", $"{dataset}:{version}");
        await page.SelectOptionAsync("#training-recipe", "medgen-lora");
        await page.FillAsync("#training-steps", "10");
        await page.ClickAsync("[data-testid=start-training] button[type=submit]");
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("give baseRunId");
        await page.SelectOptionAsync("#training-base", (string)a["id"]!);
        await page.FillAsync("#hp-lora_rank", "5000");
        await page.ClickAsync("[data-testid=start-training] button[type=submit]");
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("'lora_rank' must be between 1 and 1024");
        await Assertions.Expect(page.Locator("#hp-lora_rank")).ToHaveValueAsync("5000");
        await Assertions.Expect(page.Locator("#training-base")).ToHaveValueAsync((string)a["id"]!);
        await Screenshots.SaveAsync(page, "training");
        await page.Context.CloseAsync();
    }

    private static int HyperparameterCount() => MedVid.Contracts.Training.TrainingHyperparameters.All.Count;

    private async Task<int> PointsAsync(string runId, string metric) =>
        (await portal.Admin.GetJsonAsync($"/api/v1/training-runs/{runId}/metrics")).AsArray().Count(p => p!["values"]![metric] is not null);
}
