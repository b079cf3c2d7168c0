using MedVid.Contracts.Training;
using MedVid.Contracts;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace MedVid.Portal.BrowserTests;

/// <summary>
/// A preemption as a researcher sees it on the run page. The test plays a one-GPU host at the scheduler grain (the
/// messages a real host would send), so the real scheduler decides: the admin's team borrows the GPU, Team B (guaranteed
/// 1 GPU) asks for it, and the run is preempted.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PreemptionTests(PortalFixture portal)
{
    [Fact]
    public async Task A_preempted_run_shows_why_it_waits_and_its_preemption_history()
    {
        var (dataset, version) = await portal.CuratedVersionAsync();
        var teamA = await portal.Admin.GetJsonAsync("/api/v1/teams/current");
        var (teamAId, quotaA) = (Guid.Parse((string)teamA["id"]!), (int)teamA["gpuQuota"]!);
        await portal.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/teams/{teamAId}/gpu-quota", new { gpus = 0, minimumRuntimeMinutes = 0 });
        try
        {
            var created = await portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/training-runs", new
            {
                datasetId = dataset, datasetVersion = version, recipe = "standard", modelSize = "tiny", totalSteps = 600, gpus = 1,
                hyperparameters = new Dictionary<string, double> { ["vae_steps"] = 0 },
            });
            var (runId, workItem) = (Guid.Parse((string)created["id"]!), Guid.Parse((string)created["workItemId"]!));
            var grains = portal.Server.Services.GetRequiredService<IGrainFactory>();
            var scheduler = grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id);

            // A one-GPU host registers; the run borrows its GPU (team A's quota is 0) and starts.
            var host = $"browser-gpu-{Guid.NewGuid():N}"[..20];
            await scheduler.HeartbeatAsync(new HostHeartbeat(host, host, new HostCapacity(8, 0, [new GpuInfo(0, "simulated", 81920)]),
                [WorkKinds.Train], DateTimeOffset.UtcNow));
            var placed = await scheduler.GetAsync(workItem, teamAId);
            Assert.Equal((WorkItemState.Assigned, host), (placed.State, placed.HostId));
            await scheduler.ReportStartedAsync(new WorkItemStarted(workItem, placed.Attempt, host, DateTimeOffset.UtcNow));
            await grains.GetGrain<ITrainingRunGrain>(runId).ReportProgressAsync(new TrainingProgress(TrainingStages.Diffusion, 120, null, new Dictionary<string, double> { ["loss"] = 0.4 }));

            var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
            await page.GotoAsync($"/training/{runId}");
            await Assertions.Expect(page.GetByTestId("run-step")).ToHaveTextAsync("diffusion step 120 / 600");
            await Assertions.Expect(page.GetByTestId("preemptions")).ToHaveCountAsync(0);

            // Team B, within its guarantee of 1, asks for a GPU: the scheduler asks the host for the borrowed one back.
            var reclaiming = Guid.NewGuid();
            await scheduler.EnqueueAsync(new WorkItemRequest(reclaiming, portal.TeamB, WorkKinds.Train, "{}",
                new WorkOwner(WorkOwnerKind.TrainingRun, Guid.NewGuid()), 0, 1));
            Assert.StartsWith("preempting: team Team B reclaims", (await scheduler.GetAsync(workItem, teamAId)).Message);
            await scheduler.ReportPreemptedAsync(new WorkItemPreempted(workItem, placed.Attempt, host, DateTimeOffset.UtcNow, 120, "checkpoint written"));
            Assert.Equal(host, (await scheduler.GetAsync(reclaiming, portal.TeamB)).HostId);

            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("run-preempted"))
                .ToContainTextAsync("preempted at step 120 to give team Team B its guaranteed GPUs back");
            var row = page.GetByTestId("preemption-row");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("team Team B's guarantee");
            await Assertions.Expect(row).ToContainTextAsync(host);
            await Assertions.Expect(row).ToContainTextAsync("120");
            await Assertions.Expect(row).ToContainTextAsync("waiting for GPUs");
            await Screenshots.SaveAsync(page, "training-preempted");

            // Team B's item keeps the fake host's only GPU until the host is marked lost, so no later test's run lands there.
            await portal.Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/training-runs/{runId}/cancel", new { });
            await page.Context.CloseAsync();
        }
        finally
        {
            await portal.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/teams/{teamAId}/gpu-quota", new { gpus = quotaA });
        }
    }
}
