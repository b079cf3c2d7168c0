using MedVid.Storage.Azure;

namespace MedVid.Storage.Tests.Azure;

/// <summary>
/// One Azure store over a container of its own for one test class, deleted afterwards. Lists in
/// pages of two so that any listing of three or more blobs needs several List Blobs calls.
/// </summary>
public sealed class AzuriteContainerFixture : IAsyncLifetime
{
    public const int ListPageSize = 2;

    public AzuriteContainerFixture()
    {
        Options = Azurite.UniqueContainer(Azurite.ConnectionString, ListPageSize);
        Store = new AzureBlobStore(Options);
    }

    public AzureBlobOptions Options { get; }

    public AzureBlobStore Store { get; }

    public Task InitializeAsync() => Azurite.EnsureReachableAsync(Store, Options);

    public async Task DisposeAsync()
    {
        try
        {
            await Store.DeleteContainerAsync();
        }
        catch (Exception e) when (Azurite.IsUnreachable(e))
        {
            // Azurite was never reachable: InitializeAsync has already failed every test with the reason.
        }
        Store.Dispose();
    }
}
