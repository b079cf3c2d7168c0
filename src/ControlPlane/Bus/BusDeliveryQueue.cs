using System.Threading.Channels;
using MedVid.Grains.Abstractions;

namespace MedVid.ControlPlane.Bus;

/// <summary>
/// The grains' outbox in a silo: a turn's messages are queued here in order and the turn returns at once;
/// <see cref="BusDeliveryService"/> hands them to the broker. A grain turn must not wait on the broker: RabbitMQ.Client 7
/// can leave a confirmed publish hanging after a broker restart (rabbitmq-dotnet-client#1928, #1930), and a
/// non-reentrant grain that waits on it stops answering every caller.
/// </summary>
public sealed class BusDeliveryQueue : IMessageOutbox
{
    private readonly Channel<OutgoingMessage> _queue = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    /// <summary>Messages queued and not yet delivered (or dropped at shutdown).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public Task PublishAsync(object message, CancellationToken ct = default) => Enqueue(new OutgoingMessage(message, null));

    public Task SendAsync(string queueName, object message, CancellationToken ct = default) => Enqueue(new OutgoingMessage(message, queueName));

    internal ChannelReader<OutgoingMessage> Reader => _queue.Reader;

    internal void Completed() => Interlocked.Decrement(ref _pending);

    private Task Enqueue(OutgoingMessage message)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _pending);
            throw new InvalidOperationException("The silo is stopping: its bus delivery queue no longer accepts messages.");
        }
        return Task.CompletedTask;
    }

    internal void Close() => _queue.Writer.TryComplete();
}
