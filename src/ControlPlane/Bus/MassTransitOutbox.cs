using MassTransit;
using MedVid.Grains.Abstractions;

namespace MedVid.ControlPlane.Bus;

/// <summary>Hands one grain message to MassTransit (for <see cref="BusDeliveryService"/>): events are published, commands sent to a named queue.</summary>
public sealed class MassTransitOutbox(IBus bus) : IMessageOutbox
{
    public Task PublishAsync(object message, CancellationToken ct = default) => bus.Publish(message, message.GetType(), ct);

    public async Task SendAsync(string queueName, object message, CancellationToken ct = default)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queueName}"));
        await endpoint.Send(message, message.GetType(), ct);
    }
}
