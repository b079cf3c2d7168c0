using MedVid.Grains.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace MedVid.Grains.Runtime;

public static class GrainServiceCollectionExtensions
{
    /// <summary>The platform database (users, tokens, grain rows) and the grain index: needed by silos and clients alike.</summary>
    public static IServiceCollection AddMedVidGrainData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MedVidDbContextFactory>();
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<GrainDirectory>();
        return services;
    }

    /// <summary>MedVid's grains on this silo: their state in the platform database (the default storage) and their serializer.</summary>
    public static ISiloBuilder AddMedVidGrains(this ISiloBuilder silo)
    {
        silo.Services.AddMedVidGrainData();
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => ActivatorUtilities.CreateInstance<EntityFrameworkGrainStorage>(sp));
        silo.Services.AddSerializer(s => s.AddMedVidSerialization());
        return silo;
    }

    /// <summary>
    /// Durable reminders in the platform database (<see cref="EntityFrameworkReminderTable"/>): the embedded default,
    /// where reminders must outlive the one process, and an option for clusters (docs/architecture.md).
    /// </summary>
    public static ISiloBuilder UseDatabaseReminderService(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddMedVidGrainData();
        silo.Services.AddSingleton<IReminderTable, EntityFrameworkReminderTable>();
        return silo;
    }

    /// <summary>
    /// MedVid's own types cross grain calls as JSON (the same options as stored state), so views and requests need no
    /// per-field serializer attributes; exceptions use Orleans' own codecs, which keep their type.
    /// </summary>
    public static ISerializerBuilder AddMedVidSerialization(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(IsMedVidType, EntityFrameworkGrainStorage.Json);

    private static bool IsMedVidType(Type type) =>
        type.Namespace?.StartsWith("MedVid.", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type);
}
