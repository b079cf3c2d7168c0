using System.Collections.Concurrent;
using MedVid.Grains.Abstractions;

namespace MedVid.SchedulerBench;

/// <summary>Keeps the commands the scheduler sends to hosts, for the simulated hosts to act on; events are dropped.</summary>
internal sealed class CapturingOutbox : IMessageOutbox
{
    private readonly ConcurrentQueue<(string Queue, object Message)> _sent = new();

    public Task PublishAsync(object message, CancellationToken ct = default) => Task.CompletedTask;

    public Task SendAsync(string queueName, object message, CancellationToken ct = default)
    {
        _sent.Enqueue((queueName, message));
        return Task.CompletedTask;
    }

    public bool TryTake(out (string Queue, object Message) sent) => _sent.TryDequeue(out sent);

    public void Clear() => _sent.Clear();
}
