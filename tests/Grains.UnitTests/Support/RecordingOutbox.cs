using System.Collections.Concurrent;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>An outbox that keeps every delivered message, in delivery order, instead of sending it to a bus.</summary>
public sealed class RecordingOutbox : IMessageOutbox
{
    private readonly ConcurrentQueue<OutgoingMessage> _delivered = new();

    public IReadOnlyList<OutgoingMessage> Delivered => _delivered.ToList();

    public IReadOnlyList<T> Published<T>() => _delivered.Where(m => m.QueueName is null).Select(m => m.Message).OfType<T>().ToList();

    public IReadOnlyList<(string Queue, T Message)> Sent<T>() =>
        _delivered.Where(m => m.QueueName is not null && m.Message is T).Select(m => (m.QueueName!, (T)m.Message)).ToList();

    public Task PublishAsync(object message, CancellationToken ct = default)
    {
        _delivered.Enqueue(new OutgoingMessage(message, null));
        return Task.CompletedTask;
    }

    public Task SendAsync(string queueName, object message, CancellationToken ct = default)
    {
        _delivered.Enqueue(new OutgoingMessage(message, queueName));
        return Task.CompletedTask;
    }
}
