using MassTransit;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Messaging;

namespace MedVid.Compute.Hosting;

/// <summary>A compute host's two queues: its work (as many at once as it has CPU slots and GPUs) and its control messages.</summary>
public sealed class ComputeHostEndpoints(ComputeHostOptions options) : IBusEndpoints
{
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExecuteWorkItemConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<CancelWorkItemConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<PreemptWorkItemConsumer>().ExcludeFromConfigureEndpoints();
    }

    public void ConfigureEndpoints(IBusFactoryConfigurator bus, IBusRegistrationContext context)
    {
        var concurrency = options.CpuSlots + CapacityProbe.Detect(options).Gpus.Count;
        bus.ReceiveEndpoint(HostQueues.Work(options.HostId), e =>
        {
            e.PrefetchCount = concurrency;
            e.ConcurrentMessageLimit = concurrency;
            e.ConfigureConsumer<ExecuteWorkItemConsumer>(context);
        });
        bus.ReceiveEndpoint(HostQueues.Control(options.HostId), e =>
        {
            e.ConfigureConsumer<CancelWorkItemConsumer>(context);
            e.ConfigureConsumer<PreemptWorkItemConsumer>(context);
        });
    }
}
