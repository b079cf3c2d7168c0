namespace MedVid.Grains.Abstractions;

/// <summary>
/// Delivers the messages a grain produced, after its state was committed. Grains never talk to the bus
/// directly: a turn that loses a concurrency race is re-run, and its first attempt must send nothing.
/// </summary>
public interface IMessageOutbox
{
    Task PublishAsync(object message, CancellationToken ct = default);

    Task SendAsync(string queueName, object message, CancellationToken ct = default);
}
