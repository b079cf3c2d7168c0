using MedVid.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Azure.Data.Tables;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>
/// An Orleans client of one test's cluster, for what the HTTP API does not show: where grains are activated.
/// </summary>
internal sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    public static async Task<ClusterObserver> ConnectAsync(Cluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.Container, cluster.Container));
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(TestEnvironment.AzuriteTablesConnectionString));
            client.Services.AddSerializer(s => s.AddMedVidSerialization());
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    /// <summary>The Orleans silo ports of the silos holding an activation of the grain <paramref name="typeName"/>/<paramref name="key"/>.</summary>
    public async Task<IReadOnlyList<int>> ActivationSiloPortsAsync(string typeName, Guid key)
    {
        var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var grainId = GrainId.Create(typeName, key.ToString("N"));
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics.Where(s => s.GrainId == grainId).Select(s => s.SiloAddress.Endpoint.Port).ToList();
    }

    /// <summary>Ports of the silos the cluster counts as active.</summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync()
    {
        var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        return hosts.Keys.Select(s => s.Endpoint.Port).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
