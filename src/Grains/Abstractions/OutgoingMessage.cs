namespace MedVid.Grains.Abstractions;

/// <summary>A message queued by a grain turn: published to all subscribers, or sent to one named queue.</summary>
public sealed record OutgoingMessage(object Message, string? QueueName)
{
    public Task DeliverAsync(IMessageOutbox outbox, CancellationToken ct) =>
        QueueName is null ? outbox.PublishAsync(Message, ct) : outbox.SendAsync(QueueName, Message, ct);
}
