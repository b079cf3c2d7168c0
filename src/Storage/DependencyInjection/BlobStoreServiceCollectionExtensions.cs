using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedVid.Storage.DependencyInjection;

public static class BlobStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBlobStore"/> (singleton) from the "Blobs" section:
    /// { "Kind": "folder"|"azure", "Folder": "…", "ConnectionString": "…", "Container": "medvid" }.
    /// Without the section the store is a folder at .medvid/data/blobs. A bad section fails on
    /// start (with a host) or on first resolution, with a message naming the key.
    /// </summary>
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(BlobStoreOptions.SectionName);
        services.AddOptions<BlobStoreOptions>()
            .Configure(options =>
            {
                options.Kind = section[nameof(BlobStoreOptions.Kind)] ?? options.Kind;
                options.Folder = section[nameof(BlobStoreOptions.Folder)] ?? options.Folder;
                options.ConnectionString = section[nameof(BlobStoreOptions.ConnectionString)] ?? options.ConnectionString;
                options.Container = section[nameof(BlobStoreOptions.Container)] ?? options.Container;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlobStoreOptions>, BlobStoreOptionsValidator>());
        services.TryAddSingleton<IBlobStore>(provider => BlobStoreFactory.Create(provider.GetRequiredService<IOptions<BlobStoreOptions>>().Value));
        return services;
    }
}
