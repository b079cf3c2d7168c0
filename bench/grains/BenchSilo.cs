using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace MedVid.GrainsBench;

/// <summary>An Orleans silo in this process with MedVid's grains over a bench database; shared by the grain-level benchmarks.</summary>
internal static class BenchSilo
{
    /// <param name="configure">The benchmark's own services (an outbox, a clock, options).</param>
    public static async Task<IHost> StartAsync(BenchDatabase database, string serviceId, Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<DatabaseOptions>(o => (o.Provider, o.ConnectionString) = (database.Provider, database.ConnectionString));
        configure(builder);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreeTcpPort(), gatewayPort: FreeTcpPort(), serviceId: serviceId, clusterId: $"bench-{Guid.NewGuid():N}");
            silo.UseInMemoryReminderService();
            silo.AddMedVidGrains();
        });
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await host.StartAsync();
        return host;
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
