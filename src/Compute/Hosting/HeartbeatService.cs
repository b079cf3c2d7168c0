using MassTransit;
using MedVid.Compute.Work;
using MedVid.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedVid.Compute.Hosting;

/// <summary>Announces the host and its capacity at once and then at every interval; the first beat registers it.</summary>
public sealed class HeartbeatService(IBus bus, ComputeHostOptions options, WorkHandlerCatalog handlers, TimeProvider clock, ILogger<HeartbeatService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capacity = CapacityProbe.Detect(options);
        log.LogInformation("Compute host {HostId}: {Cores} cores, {Slots} CPU slots, {Gpus} GPU(s), kinds {Kinds}",
            options.HostId, capacity.CpuCores, capacity.CpuSlots, capacity.Gpus.Count, string.Join(",", handlers.Kinds));
        using var timer = new PeriodicTimer(options.HeartbeatInterval, clock);
        do
        {
            try
            {
                await bus.Publish(new HostHeartbeat(options.HostId, Environment.MachineName, capacity, handlers.Kinds, clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Heartbeat of {HostId} could not be published", options.HostId);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
