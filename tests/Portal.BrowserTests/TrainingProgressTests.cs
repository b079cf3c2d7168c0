using MedVid.Contracts.Training;
using MedVid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace MedVid.Portal.BrowserTests;

/// <summary>A run with a VAE stage: the run page's step counts within the stage and its progress bar covers both stages.</summary>
[Collection(PortalCollection.Name)]
public sealed class TrainingProgressTests(PortalFixture portal)
{
    private static TrainingProgress HostReport(long step, bool vae) =>
        new(vae ? TrainingStages.Vae : TrainingStages.Diffusion, step, null, new Dictionary<string, double> { ["loss"] = 0.5, ["lr"] = 1e-3 });

    [Fact]
    public async Task Diffusion_step_1_after_a_300_step_vae_stage_shows_as_step_1_of_its_stage_live_and_after_a_reload()
    {
        var (dataset, version) = await portal.CuratedVersionAsync();
        // One GPU on the CPU-only host keeps the run queued, so the test reports its progress as a training host would.
        var created = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/training-runs", new
        {
            datasetId = dataset, datasetVersion = version, recipe = "standard", modelSize = "tiny", totalSteps = 600, gpus = 1,
            hyperparameters = new Dictionary<string, double> { ["vae_steps"] = 300 },
        });
        var id = (string)created["id"]!;
        var run = portal.Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ITrainingRunGrain>(Guid.Parse(id));
        await run.ReportProgressAsync(HostReport(300, vae: true));

        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        await page.GotoAsync($"/training/{id}");
        var step = page.GetByTestId("run-step");
        var bar = page.GetByTestId("training-progress").Locator(".progress-bar");
        await Assertions.Expect(step).ToHaveTextAsync("vae step 300 / 300");
        await Assertions.Expect(bar).ToHaveTextAsync("33%"); // 300 of 300 + 600 steps

        await run.ReportProgressAsync(HostReport(1, vae: false));
        await Assertions.Expect(step).ToHaveTextAsync("diffusion step 1 / 600"); // the page's poll
        await Assertions.Expect(bar).ToHaveTextAsync("33%");
        await run.ReportProgressAsync(HostReport(300, vae: false));
        await Assertions.Expect(step).ToHaveTextAsync("diffusion step 300 / 600");
        await Assertions.Expect(bar).ToHaveTextAsync("67%"); // 600 of 900, not 300 of 600

        var api = await portal.Admin.GetJsonAsync($"/api/v1/training-runs/{id}");
        Assert.Equal(("diffusion", 300L, 600L), ((string)api["stage"]!, (long)api["step"]!, (long)api["stageSteps"]!));
        Assert.Equal((300L, 600L), ((long)api["stages"]!["vaeSteps"]!, (long)api["stages"]!["diffusionSteps"]!));
        await page.ReloadAsync();
        await Assertions.Expect(step).ToHaveTextAsync("diffusion step 300 / 600");
        await Assertions.Expect(bar).ToHaveTextAsync("67%");
        await page.GotoAsync("/training");
        await Assertions.Expect(page.GetByTestId("training-runs")).ToContainTextAsync("diffusion 300 / 600");

        await portal.Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/training-runs/{id}/cancel", new { });
        await page.Context.CloseAsync();
    }
}
