using MedVid.Grains.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace MedVid.ControlPlane.Hosting;

/// <summary>Applies migrations before the silo starts, so grain storage and consumers find the schema.</summary>
public sealed class DatabaseStartupService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => migrator.MigrateAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
