using MassTransit;
using MedVid.Grains.Infrastructure;
using MedVid.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedVid.ControlPlane.Health;

public sealed class DatabaseHealthCheck(MedVidDbContextFactory contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = contexts.Create();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{contexts.Provider}, schema up to date")
                : HealthCheckResult.Unhealthy($"{contexts.Provider}: {pending.Count} migration(s) not applied");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{contexts.Provider}: {e.Message}");
        }
    }
}

public sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await blobs.CheckHealthAsync(ct);
            return HealthCheckResult.Healthy($"{blobs.Kind} store reachable and writable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{blobs.Kind}: {e.Message}");
        }
    }
}

public sealed class BusHealthCheck(IBusControl bus, Messaging.BusOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var health = bus.CheckHealth();
        var transport = options.IsRabbitMq ? $"rabbitmq {options.Host}:{options.Port}" : "in-memory";
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy($"{transport}: {health.Description}")
            : HealthCheckResult.Unhealthy($"{transport}: {health.Description}"));
    }
}
