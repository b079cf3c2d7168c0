using MassTransit;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Scheduling;

namespace MedVid.ControlPlane.Bus;

public sealed class HostHeartbeatConsumer(IGrainFactory grains) : IConsumer<HostHeartbeat>
{
    public Task Consume(ConsumeContext<HostHeartbeat> context) =>
        grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).HeartbeatAsync(context.Message);
}
