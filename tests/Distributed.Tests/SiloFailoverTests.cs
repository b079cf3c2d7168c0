using System.Net;
using MedVid.Distributed.Tests.Infrastructure;

namespace MedVid.Distributed.Tests;

/// <summary>A silo process dies (SIGKILL): its grains come back on the other silo with their last written state.</summary>
public sealed class SiloFailoverTests : IAsyncLifetime
{
    private Cluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Cluster.CreateAsync(nameof(SiloFailoverTests));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task Grains_of_a_killed_silo_answer_from_the_other_with_their_state() => _cluster.RunAsync(async () =>
    {
        var started = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var clients = new Dictionary<string, ApiClient> { ["silo-a"] = started[0], ["silo-b"] = started[1] };
        await using var observer = await ClusterObserver.ConnectAsync(_cluster);

        // Datasets until one is activated on each silo, so that whichever silo is killed held one of them.
        var datasets = new List<Guid>();
        var hostOf = new Dictionary<Guid, int>();
        for (var i = 0; i < 20 && hostOf.Values.Distinct().Count() < 2; i++)
        {
            var dataset = await clients[i % 2 == 0 ? "silo-a" : "silo-b"].CreateDatasetAsync($"failover-{i}");
            Assert.Equal(HttpStatusCode.Created, (await started[0].AddLabelAsync(dataset, $"label-{i}")).Status);
            datasets.Add(dataset);
            hostOf[dataset] = Assert.Single(await observer.ActivationSiloPortsAsync("dataset", dataset));
        }
        var (victim, victimPort) = _cluster.Silos["silo-a"];
        var onVictim = hostOf.Where(h => h.Value == victimPort).Select(h => h.Key).ToList();
        Assert.True(onVictim.Count > 0, "no dataset was activated on silo-a in 20 tries; the test proves nothing");

        victim.Kill();
        var survivor = clients["silo-b"];
        foreach (var dataset in onVictim)
        {
            var view = await Eventually.WaitForAsync($"dataset {dataset} to answer through silo-b", TimeSpan.FromSeconds(60), async () =>
            {
                try
                {
                    return (true, await survivor.GetDatasetAsync(dataset), "");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return (false, default, e.Message);
                }
            }, TimeSpan.FromMilliseconds(500));
            var index = datasets.IndexOf(dataset);
            Assert.Equal($"failover-{index}", view.Str("name"));
            Assert.Equal([$"label-{index}"], view.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal([_cluster.Silos["silo-b"].SiloPort], await observer.ActivationSiloPortsAsync("dataset", dataset));
        }
        // And it still takes writes there.
        Assert.Equal(HttpStatusCode.Created, (await survivor.AddLabelAsync(onVictim[0], "after-failover")).Status);
        Assert.Equal([_cluster.Silos["silo-b"].SiloPort], await observer.ActiveSiloPortsAsync());
    });
}
