using System.Diagnostics;
using MedVid.Distributed.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MedVid.Distributed.Tests;

/// <summary>
/// RabbitMQ is restarted while a training run trains: the host keeps training through the outage, its progress and its
/// outcome reach the silos once it reconnects, and nothing is applied twice (no requeue, one curve, one set of checkpoints).
/// </summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class TrainingBrokerRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CheckpointEvery = 100;
    private const long TotalSteps = 900;

    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(TrainingBrokerRestartTests), new Dictionary<string, string>
        {
            // Longer than the outage: the host is not declared lost because its heartbeats paused with the broker.
            ["ControlPlane__HeartbeatTimeout"] = "00:03:00",
            ["ControlPlane__HostCheckInterval"] = "00:00:01",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task A_run_trains_through_a_broker_restart_and_its_outcome_is_applied_once() => _cluster.RunAsync(async () =>
    {
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var (siloA, siloB) = (silos[0], silos[1]);
        _cluster.StartHost("host-a", "host-a", cpuSlots: 2, simulatedGpus: 1);
        await HostLossTests.WaitForHostAsync(siloA, "host-a", "Online", TimeSpan.FromSeconds(60));
        var dataset = await PhantomDatasets.CuratedAsync(siloA, "training-broker-restart");

        var run = await siloA.PostJsonAsync("/api/v1/training-runs", PhantomDatasets.TinyRun(dataset, TotalSteps, CheckpointEvery));
        var runUrl = $"/api/v1/training-runs/{run.Str("id")}";
        var workItemId = Guid.Parse(run.Str("workItemId"));
        var before = await Eventually.WaitForAsync("the run to reach diffusion step 30", TimeSpan.FromMinutes(4), async () =>
        {
            var view = await siloB.GetJsonAsync(runUrl);
            if (view.Str("status") is "Succeeded" or "Failed")
                throw new InvalidOperationException($"The run ended ({view.Str("status")} {view.Str("error")}) before the broker restart; give it more steps.");
            return (view.Str("stage") == "diffusion" && view.Num("step") >= 30, (long)view.Num("step"), $"stage {view.Str("stage")} step {view.Num("step")}");
        }, TimeSpan.FromMilliseconds(200));

        var outage = Stopwatch.StartNew();
        await RabbitMq.RestartBrokerAsync();
        outage.Stop();
        var afterRestart = await siloA.GetJsonAsync(runUrl);
        output.WriteLine($"broker restarted in {outage.Elapsed.TotalSeconds:0.0} s, from run step {before} (reported step {afterRestart.Num("step")} right after)");

        var done = await PhantomDatasets.WaitRunFinishedAsync(siloB, runUrl, workItemId);
        Assert.True(done.Str("status") == "Succeeded", $"the run ended {done.Str("status")}: {done.Str("error")}");
        Assert.Equal(TotalSteps, (long)done.Num("step"));

        // One attempt on the one host: no outcome was lost (which would leave the item running or requeue it).
        var item = await siloA.GetWorkItemAsync(workItemId);
        Assert.True(item.Str("state") == "Succeeded" && item.Int("attempt") == 1 && item.Str("hostId") == "host-a",
            $"expected Succeeded in attempt 1 on host-a: {item.DescribeWorkItem()}");

        // Nothing applied twice: the metric history is one rising curve, and the checkpoints are the kept ones, once each.
        var steps = (await siloA.GetJsonAsync($"{runUrl}/metrics")).EnumerateArray()
            .Select(p => p.GetProperty("values")).Where(v => v.Num("stage_vae") == 0).Select(v => (long)v.Num("step")).ToList();
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.Second > p.First), $"a progress report was applied twice or out of order: {string.Join(",", steps)}");
        var checkpoints = done.GetProperty("checkpoints").EnumerateArray().Select(c => (long)c.Num("step")).ToList();
        Assert.Equal([TotalSteps - CheckpointEvery, TotalSteps], checkpoints);
    });
}
