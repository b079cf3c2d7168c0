using MedVid.Storage.Azure;
using MedVid.Storage.DependencyInjection;
using MedVid.Storage.Folder;
using MedVid.Storage.Tests.Folder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedVid.Storage.Tests.DependencyInjection;

public sealed class AddBlobStoreTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddBlobStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Without_configuration_the_store_is_a_folder_under_medvid_data()
    {
        var defaults = new BlobStoreOptions();
        Assert.Equal(("folder", Path.Combine(".medvid", "data", "blobs")), (defaults.Kind, defaults.Folder));

        using var temp = new TempFolderFixture();
        using var provider = Build(new() { ["Blobs:Folder"] = temp.Path });

        var store = Assert.IsType<FolderBlobStore>(provider.GetRequiredService<IBlobStore>());
        Assert.Equal(temp.Path, store.RootDirectory);
        Assert.Same(store, provider.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public void Kind_azure_builds_an_Azure_store_on_the_configured_container()
    {
        using var provider = Build(new()
        {
            ["Blobs:Kind"] = "Azure",
            ["Blobs:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Blobs:Container"] = "uploads",
        });

        var store = Assert.IsType<AzureBlobStore>(provider.GetRequiredService<IBlobStore>());
        Assert.Equal(("azure", "uploads"), (store.Kind, store.ContainerName));
    }

    [Theory]
    [InlineData("s3", null, "Blobs:Kind")]
    [InlineData("azure", null, "Blobs:ConnectionString")]
    [InlineData("azure", "AccountName=x", "AccountKey")]
    public void A_bad_section_fails_naming_the_key(string kind, string? connectionString, string mentioned)
    {
        using var provider = Build(new() { ["Blobs:Kind"] = kind, ["Blobs:ConnectionString"] = connectionString });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IBlobStore>());
        Assert.Contains(mentioned, error.Message);
    }
}
