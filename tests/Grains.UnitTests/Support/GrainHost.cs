using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>
/// One "process" of the grain layer: its own service provider, and so its own turn locks, over a shared database.
/// Two hosts on the same database behave like two silo replicas.
/// </summary>
public sealed class GrainHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GrainHost(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public GrainDirectory Directory => _services.GetRequiredService<GrainDirectory>();

    public RecordingOutbox Outbox => (RecordingOutbox)_services.GetRequiredService<IMessageOutbox>();

    public ConflictCounter Conflicts => _services.GetRequiredService<ConflictCounter>();

    public ProbeMonitor Probe => _services.GetRequiredService<ProbeMonitor>();

    /// <summary>Builds a host on <paramref name="database"/> and migrates it (idempotent, so a second host may do it too).</summary>
    public static async Task<GrainHost> StartAsync(TestDatabase database, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        var conflicts = new ConflictCounter();
        services.AddSingleton(conflicts);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(conflicts));
        if (clock is not null) services.AddSingleton(clock);
        services.AddMedVidGrains();
        services.Configure<DatabaseOptions>(database.Configure);
        services.AddSingleton<IMessageOutbox, RecordingOutbox>();
        services.AddSingleton<ProbeMonitor>();
        var registry = (GrainRegistry)services.Single(d => d.ServiceType == typeof(GrainRegistry)).ImplementationInstance!;
        registry.Add(new GrainBinding(typeof(IProbeGrain), typeof(ProbeGrain), typeof(ProbeState), "test-probe"));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new GrainHost(provider);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
