using System.Text.Json;
using MedVid.Distributed.Tests.Infrastructure;

namespace MedVid.Distributed.Tests;

/// <summary>A compute host dies (SIGKILL) in the middle of a work item: the scheduler notices and another host finishes it.</summary>
public sealed class HostLossTests : IAsyncLifetime
{
    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(HostLossTests), new Dictionary<string, string>
        {
            ["ControlPlane__HeartbeatTimeout"] = "00:00:06",
            ["ControlPlane__HostCheckInterval"] = "00:00:01",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task Work_of_a_killed_host_is_requeued_and_completed_by_another_host() => _cluster.RunAsync(async () =>
    {
        // A 40 s 640x480 source: its H.264 proxy takes several seconds of CPU here, long enough to kill the host mid-encode.
        var making = TestVideos.TestPatternAsync(seconds: 40, width: 640, height: 480);
        // Two replicas, one scheduler activation with its host-check timer: the item is requeued once (attempt 2, not 3).
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var (siloA, siloB) = (silos[0], silos[1]);
        var video = await making;
        var hostA = _cluster.StartHost("host-a", "host-a", cpuSlots: 1);
        await WaitForHostAsync(siloA, "host-a", "Online", TimeSpan.FromSeconds(60));

        var dataset = await siloA.CreateDatasetAsync("host-loss");
        var (videoId, workItemId) = await siloA.UploadVideoAsync(dataset, video);
        var running = await Eventually.WaitForAsync("the ingest item to run on host-a", TimeSpan.FromSeconds(60), async () =>
        {
            var item = await siloB.GetWorkItemAsync(workItemId);
            if (item.Str("state") is "Succeeded" or "Failed")
                throw new InvalidOperationException($"The ingest item finished before host-a could be killed ({item.DescribeWorkItem()}); make the test video longer.");
            return (item.Str("state") == "Running" && item.Str("hostId") == "host-a", item, item.DescribeWorkItem());
        }, TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, running.Int("attempt"));

        hostA.Kill();
        var stillRunning = await siloA.GetWorkItemAsync(workItemId);
        Assert.True(stillRunning.Str("state") is "Running" or "Assigned", $"host-a was killed after the item ended: {stillRunning.DescribeWorkItem()}");

        _cluster.StartHost("host-b", "host-b", cpuSlots: 1);
        var ready = await Eventually.WaitForAsync("the video to become Ready", TimeSpan.FromSeconds(150), async () =>
        {
            var v = FindVideo(await siloB.GetDatasetAsync(dataset), videoId);
            if (v.Str("status") == "Failed") throw new InvalidOperationException($"The video failed: {v.Str("error")}");
            var item = await siloA.GetWorkItemAsync(workItemId);
            return (v.Str("status") == "Ready", v, $"video {v.Str("status")}; work item {item.DescribeWorkItem()}");
        }, TimeSpan.FromMilliseconds(500));

        var done = await siloA.GetWorkItemAsync(workItemId);
        Assert.True(done.Str("state") == "Succeeded" && done.Str("hostId") == "host-b" && done.Int("attempt") == 2,
            $"expected Succeeded on host-b in attempt 2, got {done.DescribeWorkItem()}");
        var lostHost = await siloB.GetHostAsync("host-a");
        Assert.Equal("Lost", lostHost.Str("status"));
        Assert.Equal("Online", (await siloB.GetHostAsync("host-b")).Str("status"));

        // The proxy and poster the second host wrote are in this test's container, and the probe result is recorded.
        Assert.True(Math.Abs(ready.GetProperty("durationSeconds").GetDouble() - 40) < 1, $"duration: {ready.GetProperty("durationSeconds")}");
        using var store = _cluster.OpenContainer();
        foreach (var blob in new[] { ready.Str("proxyBlob"), ready.Str("posterBlob") })
        {
            var properties = await store.GetPropertiesAsync(blob);
            Assert.True(properties is { Length: > 0 }, $"blob {blob} is missing or empty");
        }
    });

    internal static JsonElement FindVideo(JsonElement dataset, Guid videoId) =>
        dataset.GetProperty("videos").EnumerateArray().First(v => v.GetProperty("id").GetGuid() == videoId);

    internal static Task<JsonElement> WaitForHostAsync(ApiClient silo, string hostId, string status, TimeSpan timeout) =>
        Eventually.WaitForAsync($"host {hostId} to be {status}", timeout, async () =>
        {
            var host = await silo.GetHostAsync(hostId);
            var seen = host.ValueKind == JsonValueKind.Undefined ? "not registered" : host.Str("status");
            return (seen == status, host, seen);
        });
}
