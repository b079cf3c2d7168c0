using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using MedVid.Grains.Exports;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace MedVid.ControlPlane.Hosting;

/// <summary>Joins this process to the grain cluster: as a silo with MedVid's grain storage, or as a client.</summary>
public static class OrleansHosting
{
    public static OrleansSettings AddMedVidOrleans(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OrleansSettings.Section).Get<OrleansSettings>() ?? new OrleansSettings();
        settings.Validate();
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection(SchedulerOptions.Section));
        builder.Services.Configure<ExportOptions>(builder.Configuration.GetSection(ExportOptions.Section));
        if (settings.HostsSilo) builder.UseOrleans(silo => ConfigureSilo(silo, settings, builder.Configuration));
        else builder.UseOrleansClient(client => ConfigureClient(client, settings));
        return settings;
    }

    private static void ConfigureSilo(ISiloBuilder silo, OrleansSettings settings, IConfiguration configuration)
    {
        // Failure detection (probe timeouts, votes) stays tunable without code: section GrainCluster:Membership.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection($"{OrleansSettings.Section}:Membership"));
        var siloPort = settings.SiloPort > 0 ? settings.SiloPort : FreeTcpPort();
        var gatewayPort = settings.GatewayPort > 0 ? settings.GatewayPort : FreeTcpPort();
        if (settings.UsesAzureTables)
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = Advertised(settings);
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
            });
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(settings.AzureStorage));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        // Reminders wake export schedules, so they must outlive the process: the platform database by default embedded,
        // Azure Table storage by default distributed (docs/architecture.md).
        if (settings.RemindersInAzureTables) silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(settings.AzureStorage));
        else silo.UseDatabaseReminderService();
        if (settings.MinimumReminderPeriod is { } minimum) silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = minimum);
        silo.AddMedVidGrains();
    }

    private static void ConfigureClient(IClientBuilder client, OrleansSettings settings)
    {
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(settings.AzureStorage));
        client.Services.AddMedVidGrainData();
        client.Services.AddSerializer(s => s.AddMedVidSerialization());
    }

    private static IPAddress Advertised(OrleansSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.AdvertisedAddress)) return IPAddress.Loopback;
        if (IPAddress.TryParse(settings.AdvertisedAddress, out var address)) return address;
        // "*" is this machine's own name: what each replica of a container deployment must advertise.
        var name = settings.AdvertisedAddress == "*" ? Dns.GetHostName() : settings.AdvertisedAddress;
        return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"GrainCluster:AdvertisedAddress '{settings.AdvertisedAddress}' has no IPv4 address.");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
