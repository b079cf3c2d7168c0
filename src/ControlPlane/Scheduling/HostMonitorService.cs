using MedVid.ControlPlane.Hosting;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedVid.ControlPlane.Scheduling;

/// <summary>
/// Periodically asks the scheduler to mark silent hosts lost (requeueing their work) and to resend unacknowledged
/// assignments. Every replica runs it; the scheduler's turns make repeats harmless.
/// </summary>
public sealed class HostMonitorService(IGrainFactory grains, ControlPlaneOptions options, TimeProvider clock, ILogger<HostMonitorService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HostCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).CheckHostsAsync(options.HeartbeatTimeout, options.UnacknowledgedAfter);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Host check failed; retrying at the next interval");
            }
        }
    }
}
