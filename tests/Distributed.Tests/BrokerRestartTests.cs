using System.Net;
using MedVid.Distributed.Tests.Infrastructure;

namespace MedVid.Distributed.Tests;

/// <summary>Tests that stop and start the shared RabbitMQ broker: they must run alone, after every other collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerRestartCollection
{
    public const string Name = "RabbitMQ broker restarts";
}

/// <summary>
/// Work commands waiting in a host's durable queue survive a full broker restart, and silos and hosts reconnect by
/// themselves. The heartbeat timeout is five minutes, so nothing is requeued by the scheduler: what completes the
/// work after the restart can only be the messages the broker kept.
/// </summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class BrokerRestartTests : IAsyncLifetime
{
    private const string HostId = "host-x";
    private const int VideosBeforeRestart = 3;

    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(BrokerRestartTests), new Dictionary<string, string>
        {
            ["ControlPlane__HeartbeatTimeout"] = "00:05:00",
            ["ControlPlane__UnacknowledgedAfter"] = "00:10:00", // no resends either: each command is sent exactly once
            ["ControlPlane__HostCheckInterval"] = "00:00:01",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task Work_commands_queued_for_a_host_survive_a_broker_restart() => _cluster.RunAsync(async () =>
    {
        var making = TestVideos.TestPatternAsync(seconds: 2, width: 320, height: 240, fps: 15);
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var (siloA, siloB) = (silos[0], silos[1]);
        var video = await making;

        // The host registers (declaring its durable queue) and then dies: the scheduler still counts it online,
        // so new work is addressed to it and waits in its queue, unconsumed.
        var first = _cluster.StartHost("host-x-first", HostId, cpuSlots: VideosBeforeRestart + 1);
        await HostLossTests.WaitForHostAsync(siloA, HostId, "Online", TimeSpan.FromSeconds(60));
        first.Kill();

        var dataset = await siloA.CreateDatasetAsync("broker-restart");
        var uploads = new List<(Guid VideoId, Guid WorkItemId)>();
        for (var i = 0; i < VideosBeforeRestart; i++)
            uploads.Add(await (i % 2 == 0 ? siloA : siloB).UploadVideoAsync(dataset, video, $"before-{i}.mp4"));
        foreach (var (_, workItemId) in uploads)
            await WaitForItemAsync(siloA, workItemId, "Assigned");
        await WaitForQueueDepthAsync(VideosBeforeRestart, "before the restart");

        await RabbitMq.RestartBrokerAsync();

        // No host runs, so nothing consumes the queue: what it holds now is what the broker kept across the restart.
        var depths = await RabbitMq.QueueDepthsAsync(_cluster.VirtualHost);
        Assert.True(depths.GetValueOrDefault(HostQueue) == VideosBeforeRestart,
            $"after the broker restart queue {HostQueue} holds {depths.GetValueOrDefault(HostQueue)} messages, expected {VideosBeforeRestart}; queues: {Describe(depths)}");

        // Both silos reconnect by themselves, and can send again: one more video goes to the same queue.
        foreach (var silo in new[] { siloA, siloB })
        {
            await Eventually.WaitForAsync($"{silo.Name} to be healthy after the broker restart", TimeSpan.FromSeconds(90), async () =>
            {
                var status = await silo.HealthAsync();
                return (status == HttpStatusCode.OK, 0, status.ToString());
            }, TimeSpan.FromMilliseconds(500));
        }
        var after = await siloB.UploadVideoAsync(dataset, video, "after-restart.mp4");
        uploads.Add(after);
        await WaitForItemAsync(siloA, after.WorkItemId, "Assigned");
        await WaitForQueueDepthAsync(VideosBeforeRestart + 1, "after the restart");

        // The host comes back under the same id and works through its backlog; its reports reach the silos.
        _cluster.StartHost("host-x-second", HostId, cpuSlots: 2);
        await Eventually.WaitForAsync("every video to become Ready", TimeSpan.FromSeconds(120), async () =>
        {
            var videos = (await siloA.GetDatasetAsync(dataset)).GetProperty("videos").EnumerateArray().ToList();
            if (videos.FirstOrDefault(v => v.Str("status") == "Failed") is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } failed)
                throw new InvalidOperationException($"video {failed.Str("fileName")} failed: {failed.Str("error")}");
            return (videos.Count == uploads.Count && videos.All(v => v.Str("status") == "Ready"), 0,
                string.Join("; ", videos.Select(v => $"{v.Str("fileName")}={v.Str("status")}")));
        }, TimeSpan.FromMilliseconds(500));

        foreach (var (_, workItemId) in uploads)
        {
            var item = await siloB.GetWorkItemAsync(workItemId);
            Assert.True(item.Str("state") == "Succeeded" && item.Int("attempt") == 1 && item.Str("hostId") == HostId,
                $"work item {workItemId}: expected Succeeded in attempt 1 on {HostId} (the original command), got {item.DescribeWorkItem()}");
        }
        Assert.Equal("Online", (await siloB.GetHostAsync(HostId)).Str("status"));
        var drained = await RabbitMq.QueueDepthsAsync(_cluster.VirtualHost);
        Assert.True(drained.GetValueOrDefault(HostQueue) == 0, $"queue {HostQueue} was not drained: {Describe(drained)}");
    });

    private static string HostQueue => $"host-{HostId}";

    private Task WaitForQueueDepthAsync(int expected, string when) =>
        Eventually.WaitForAsync($"{expected} messages in queue {HostQueue} {when}", TimeSpan.FromSeconds(30), async () =>
        {
            var depths = await RabbitMq.QueueDepthsAsync(_cluster.VirtualHost);
            return (depths.GetValueOrDefault(HostQueue) == expected, 0, Describe(depths));
        }, TimeSpan.FromMilliseconds(500));

    private static Task WaitForItemAsync(ApiClient silo, Guid workItemId, string state) =>
        Eventually.WaitForAsync($"work item {workItemId} to be {state} on {HostId}", TimeSpan.FromSeconds(30), async () =>
        {
            var item = await silo.GetWorkItemAsync(workItemId);
            return (item.Str("state") == state && item.Str("hostId") == HostId && item.Int("attempt") == 1, 0, item.DescribeWorkItem());
        });

    private static string Describe(IReadOnlyDictionary<string, int> depths) =>
        depths.Count == 0 ? "(no queues)" : string.Join(", ", depths.OrderBy(d => d.Key).Select(d => $"{d.Key}={d.Value}"));
}
