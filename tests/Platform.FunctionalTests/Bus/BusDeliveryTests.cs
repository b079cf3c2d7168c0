using System.Collections.Concurrent;
using MedVid.ControlPlane.Bus;
using MedVid.Grains.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedVid.Platform.FunctionalTests.Bus;

public sealed class BusDeliveryTests
{
    private static readonly BusDeliveryOptions Fast = new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(200), RetryDelay = TimeSpan.FromMilliseconds(20), DrainTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task A_hanging_publish_neither_blocks_the_grain_nor_loses_the_message()
    {
        var broker = new ScriptedBroker { HangOnAttempts = [1] };
        var queue = new BusDeliveryQueue();
        using var service = new BusDeliveryService(queue, broker, Fast, NullLogger<BusDeliveryService>.Instance);
        await service.StartAsync(CancellationToken.None);

        var enqueue = Task.WhenAll(queue.PublishAsync("first"), queue.SendAsync("host-a", "second"), queue.PublishAsync("third"));
        Assert.True(enqueue.IsCompletedSuccessfully, "queuing a grain message waited on the broker");

        await broker.WaitForAsync(3);
        Assert.Equal(["first", "host-a:second", "third"], broker.Delivered);
        Assert.Equal(4, broker.Attempts); // the hung first attempt was abandoned and tried again
        Assert.Equal(0, queue.Pending);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_in_order()
    {
        var broker = new ScriptedBroker { FailOnAttempts = [1, 2] };
        var queue = new BusDeliveryQueue();
        using var service = new BusDeliveryService(queue, broker, Fast, NullLogger<BusDeliveryService>.Instance);
        await service.StartAsync(CancellationToken.None);

        await queue.PublishAsync("a");
        await queue.PublishAsync("b");
        await broker.WaitForAsync(2);
        Assert.Equal(["a", "b"], broker.Delivered);
        Assert.Equal(4, broker.Attempts);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_drains_what_is_queued_and_then_refuses_new_messages()
    {
        var broker = new ScriptedBroker { Delay = TimeSpan.FromMilliseconds(50) };
        var queue = new BusDeliveryQueue();
        using var service = new BusDeliveryService(queue, broker, Fast, NullLogger<BusDeliveryService>.Instance);
        await service.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++) await queue.PublishAsync($"m{i}");

        await service.StopAsync(CancellationToken.None);

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], broker.Delivered);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.PublishAsync("late"));
        Assert.Contains("stopping", refused.Message);
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task A_broker_down_at_shutdown_drops_the_rest_after_the_drain_timeout()
    {
        var broker = new ScriptedBroker { HangOnAttempts = [.. Enumerable.Range(1, 1000)] };
        var queue = new BusDeliveryQueue();
        var options = new BusDeliveryOptions { AttemptTimeout = TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromMilliseconds(300) };
        using var service = new BusDeliveryService(queue, broker, options, NullLogger<BusDeliveryService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await queue.PublishAsync("stuck");
        await queue.PublishAsync("behind");

        var stop = service.StopAsync(CancellationToken.None);
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Empty(broker.Delivered);
        Assert.Equal(2, queue.Pending);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 1, -1)]
    public void Bad_settings_are_refused(int attemptSeconds, int retrySeconds, int drainSeconds)
    {
        var options = new BusDeliveryOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(attemptSeconds), RetryDelay = TimeSpan.FromSeconds(retrySeconds), DrainTimeout = TimeSpan.FromSeconds(drainSeconds),
        };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.StartsWith(BusDeliveryOptions.Section, error.Message);
    }

    /// <summary>A broker whose numbered attempts hang (until cancelled, ignoring nothing) or fail.</summary>
    private sealed class ScriptedBroker : IMessageOutbox
    {
        private readonly ConcurrentQueue<string> _delivered = new();
        private int _attempts;

        public int[] HangOnAttempts { get; init; } = [];
        public int[] FailOnAttempts { get; init; } = [];
        public TimeSpan Delay { get; init; }
        public int Attempts => Volatile.Read(ref _attempts);
        public IReadOnlyList<string> Delivered => [.. _delivered];

        public Task PublishAsync(object message, CancellationToken ct = default) => Deliver((string)message, ct);

        public Task SendAsync(string queueName, object message, CancellationToken ct = default) => Deliver($"{queueName}:{message}", ct);

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (_delivered.Count < count && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.True(_delivered.Count >= count, $"only {_delivered.Count} of {count} messages were delivered");
        }

        private async Task Deliver(string text, CancellationToken ct)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            // A hang that ignores its token, like the RabbitMQ.Client publish it stands for.
            if (HangOnAttempts.Contains(attempt)) await Task.Delay(Timeout.Infinite, CancellationToken.None);
            if (FailOnAttempts.Contains(attempt)) throw new InvalidOperationException("broker unreachable");
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
            _delivered.Enqueue(text);
        }
    }
}
