using System.Net;
using System.Net.Sockets;
using MedVid.Grains.Exports;
using MedVid.Storage;
using MedVid.Storage.Folder;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>
/// One Orleans silo with MedVid's grains over a test database, started in this process. A second host started with
/// <c>joining</c> forms a two-silo cluster with the first, as two silo replicas do.
/// </summary>
public sealed class GrainHost : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainHost(IHost host, IPEndPoint siloEndpoint, string clusterId) => (_host, SiloEndpoint, ClusterId) = (host, siloEndpoint, clusterId);

    public IServiceProvider Services => _host.Services;

    public IPEndPoint SiloEndpoint { get; }

    public string ClusterId { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public GrainDirectory Directory => _host.Services.GetRequiredService<GrainDirectory>();

    public RecordingOutbox Outbox => (RecordingOutbox)_host.Services.GetRequiredService<IMessageOutbox>();

    public ProbeMonitor Probe => _host.Services.GetRequiredService<ProbeMonitor>();

    public IBlobStore Blobs => _host.Services.GetRequiredService<IBlobStore>();

    public ReminderTicks ReminderTicks => _host.Services.GetRequiredService<ReminderTicks>();

    /// <summary>Migrates <paramref name="database"/> (idempotent) and starts a silo on it.</summary>
    public static async Task<GrainHost> StartAsync(TestDatabase database, TimeProvider? clock = null, GrainHost? joining = null,
        Action<ISiloBuilder>? configure = null, string? blobFolder = null)
    {
        var clusterId = joining?.ClusterId ?? $"test-{Guid.NewGuid():N}";
        var siloPort = FreeTcpPort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (clock is not null) UseForGrainsOnly(builder.Services, clock);
        builder.Services.Configure<DatabaseOptions>(database.Configure);
        builder.Services.AddSingleton<IMessageOutbox, RecordingOutbox>();
        builder.Services.AddSingleton<ProbeMonitor>();
        builder.Services.AddSingleton<ReminderTicks>();
        builder.Services.AddSingleton<IBlobStore>(new FolderBlobStore(blobFolder ?? Path.Combine(Path.GetTempPath(), $"medvid-grain-blobs-{Guid.NewGuid():N}")));
        builder.Services.Configure<ExportOptions>(o => o.TickPeriod = TimeSpan.FromSeconds(1));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, FreeTcpPort(), joining?.SiloEndpoint, serviceId: "medvid-tests", clusterId: clusterId);
            // The embedded platform's durable reminders, with periods short enough for tests.
            silo.UseDatabaseReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddMedVidGrains();
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await host.StartAsync();
        return new GrainHost(host, new IPEndPoint(IPAddress.Loopback, siloPort), clusterId);
    }

    /// <summary>
    /// Waits until this silo and <paramref name="other"/> hold the same membership view with both active. Calls made
    /// while a joining silo's view still lags may place a second activation, which Orleans later resolves; tests of
    /// single activation start from a settled cluster, as a deployment's steady state is.
    /// </summary>
    public async Task WaitForSettledClusterAsync(GrainHost other)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (mine, theirs) = (Membership(this), Membership(other));
            if (mine.Version == theirs.Version && Active(mine) == 2 && Active(theirs) == 2)
            {
                // The grain directory hands its partitions over after the membership change; a grain activated in that
                // window can briefly have an activation in each silo (storage then refuses the second writer, as it
                // should). CI saw that once; give the hand-over a moment before the tests count activations.
                await Task.Delay(TimeSpan.FromSeconds(2));
                return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The two silos did not settle: {mine} / {theirs}");
            await Task.Delay(50);
        }

        static ClusterMembershipSnapshot Membership(GrainHost host) => host.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        static int Active(ClusterMembershipSnapshot snapshot) => snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// Hands <paramref name="clock"/> to MedVid's grains while Orleans's own upkeep keeps real time: a clock moved hours
    /// ahead would otherwise make membership find the silo's generation (taken from the wall clock) older than its
    /// own cut-off, declare the silo dead and end the test process.
    /// </summary>
    private static void UseForGrainsOnly(IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        foreach (var area in new[] { TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.Messaging,
                     TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
            services.AddKeyedSingleton(area, TimeProvider.System);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
