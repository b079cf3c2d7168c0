using MassTransit;
using MedVid.Messaging;

namespace MedVid.ControlPlane.Bus;

/// <summary>
/// The control plane's queues. Every silo replica consumes the same durable queues (competing consumers), so each
/// event is recorded once; a failing consumer is retried before the message moves to the error queue.
/// </summary>
public sealed class ControlPlaneEndpoints : IBusEndpoints
{
    public const string HeartbeatQueue = "medvid-host-heartbeats";
    public const string WorkEventsQueue = "medvid-work-events";

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<HostHeartbeatConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<WorkItemStartedConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<WorkItemProgressedConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<WorkItemSucceededConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<WorkItemFailedConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<WorkItemPreemptedConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<TrainingCheckpointsStoredConsumer>().ExcludeFromConfigureEndpoints();
    }

    public void ConfigureEndpoints(IBusFactoryConfigurator bus, IBusRegistrationContext context)
    {
        bus.ReceiveEndpoint(HeartbeatQueue, e =>
        {
            e.UseMessageRetry(r => r.Intervals(100, 500, 1000));
            e.ConfigureConsumer<HostHeartbeatConsumer>(context);
        });
        bus.ReceiveEndpoint(WorkEventsQueue, e =>
        {
            e.UseMessageRetry(r => r.Intervals(100, 500, 1000, 5000, 10000));
            e.ConfigureConsumer<WorkItemStartedConsumer>(context);
            e.ConfigureConsumer<WorkItemProgressedConsumer>(context);
            e.ConfigureConsumer<WorkItemSucceededConsumer>(context);
            e.ConfigureConsumer<WorkItemFailedConsumer>(context);
            e.ConfigureConsumer<WorkItemPreemptedConsumer>(context);
            e.ConfigureConsumer<TrainingCheckpointsStoredConsumer>(context);
        });
    }
}
