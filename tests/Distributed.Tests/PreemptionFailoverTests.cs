using MedVid.Distributed.Tests.Infrastructure;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using Xunit.Abstractions;

namespace MedVid.Distributed.Tests;

/// <summary>
/// The silo holding the scheduler dies (SIGKILL) just after it decided a preemption: the other silo takes the scheduler
/// over from its stored state, and the preemption completes once: one record, the guaranteed team's run finishes, and
/// the preempted run resumes from its checkpoint and finishes too.
/// </summary>
public sealed class PreemptionFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long BorrowerSteps = 1200;

    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(PreemptionFailoverTests), new Dictionary<string, string>
        {
            ["ControlPlane__HostCheckInterval"] = "00:00:01",
            ["ControlPlane__PreemptionGrace"] = "00:00:30",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task A_preemption_decided_by_a_killed_silo_completes_once_on_the_other() => _cluster.RunAsync(async () =>
    {
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var clients = new Dictionary<string, ApiClient> { ["silo-a"] = silos[0], ["silo-b"] = silos[1] };
        await using var observer = await ClusterObserver.ConnectAsync(_cluster);
        _cluster.StartHost("host-a", "host-a", cpuSlots: 2, simulatedGpus: 1);
        await HostLossTests.WaitForHostAsync(silos[0], "host-a", "Online", TimeSpan.FromSeconds(60));

        // Team A (the bootstrap team) has no guarantee and borrows the one GPU; team B is guaranteed it.
        var teamA = silos[0];
        var teamB = await silos[0].PostJsonAsync("/api/v1/teams", new { name = "Team B", gpuQuota = 1 });
        var teamAId = (await teamA.GetJsonAsync("/api/v1/teams/current")).Str("id");
        await teamA.PutJsonAsync($"/api/v1/teams/{teamAId}/gpu-quota", new { gpus = 0, minimumRuntimeMinutes = 0 });
        await teamA.PutJsonAsync($"/api/v1/teams/{teamB.Str("id")}/gpu-quota", new { gpus = 1, minimumRuntimeMinutes = 0 });
        using var bOnA = await SignInAsync(silos[0], Guid.Parse(teamB.Str("id")));
        var datasets = await Task.WhenAll(PhantomDatasets.CuratedAsync(teamA, "team A"), PhantomDatasets.CuratedAsync(bOnA, "team B"));

        var borrowed = await teamA.PostJsonAsync("/api/v1/training-runs", PhantomDatasets.TinyRun(datasets[0], BorrowerSteps, checkpointEvery: 10_000));
        var borrowedUrl = $"/api/v1/training-runs/{borrowed.Str("id")}";
        var borrowedItem = Guid.Parse(borrowed.Str("workItemId"));
        await Eventually.WaitForAsync("team A's run to reach diffusion step 30", TimeSpan.FromMinutes(3), async () =>
        {
            var view = await teamA.GetJsonAsync(borrowedUrl);
            return (view.Str("stage") == "diffusion" && view.Num("step") >= 30, 0, $"{view.Str("status")} {view.Str("stage")} step {view.Num("step")}");
        }, TimeSpan.FromMilliseconds(200));

        // Team B submits through the silo that does not hold the scheduler, which is killed as soon as the submission is
        // answered: by then the scheduler has stored its decision to preempt team A's run.
        var schedulerPort = Assert.Single(await observer.ActivationSiloPortsAsync(GrainTypeNames.Scheduler, SchedulerGrain.Id));
        var victimName = _cluster.Silos.Single(s => s.Value.SiloPort == schedulerPort).Key;
        var survivorName = victimName == "silo-a" ? "silo-b" : "silo-a";
        using var b = await SignInAsync(clients[survivorName], Guid.Parse(teamB.Str("id")));
        var guaranteed = await b.PostJsonAsync("/api/v1/training-runs", PhantomDatasets.TinyRun(datasets[1], 60, checkpointEvery: 10_000));
        _cluster.Silos[victimName].Process.Kill();
        var survivor = clients[survivorName];
        output.WriteLine($"killed {victimName}, which held the scheduler; {survivorName} goes on");

        var bDone = await PhantomDatasets.WaitRunFinishedAsync(b, $"/api/v1/training-runs/{guaranteed.Str("id")}");
        Assert.True(bDone.Str("status") == "Succeeded", $"team B's run ended {bDone.Str("status")}: {bDone.Str("error")}");
        var aDone = await PhantomDatasets.WaitRunFinishedAsync(survivor, borrowedUrl, borrowedItem);
        Assert.True(aDone.Str("status") == "Succeeded", $"team A's run ended {aDone.Str("status")}: {aDone.Str("error")}");
        Assert.Equal(BorrowerSteps, (long)aDone.Num("step"));

        var item = await survivor.GetWorkItemAsync(borrowedItem);
        var records = item.GetProperty("preemptions").EnumerateArray().ToList();
        var record = Assert.Single(records);
        output.WriteLine($"preemption record: {record}");
        Assert.Equal("Team B", record.Str("byTeamName"));
        Assert.Equal(guaranteed.Str("workItemId"), record.Str("forWorkItemId"));
        Assert.False(string.IsNullOrEmpty(record.Str("resumedAt")), $"the record does not say when the run resumed: {record}");
        Assert.Equal(2, item.Int("attempt"));
    });

    private static Task<ApiClient> SignInAsync(ApiClient through, Guid teamId) =>
        ApiClient.SignInAsync(through.BaseAddress, through.Name, Cluster.AdminUser, Cluster.AdminPassword, teamId);
}
