using Azure;
using MedVid.Storage.Azure;

namespace MedVid.Storage.Tests.Azure;

/// <summary>
/// Where the Azure tests find Azure Blob storage: MEDVID_TEST_AZURE_CONNECTION, or else Azurite on
/// 127.0.0.1:10000. The tests never skip: a missing Azurite is a failure that says how to start it.
/// </summary>
internal static class Azurite
{
    public const string EnvironmentVariable = "MEDVID_TEST_AZURE_CONNECTION";

    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DevelopmentConnectionString;

    /// <summary>Options for a container no other test class uses.</summary>
    public static AzureBlobOptions UniqueContainer(string connectionString, int listPageSize = 5000) =>
        AzureBlobOptions.FromConnectionString(connectionString, $"test-{Guid.NewGuid():N}") with { ListPageSize = listPageSize };

    /// <summary>
    /// The SDK's answer when nothing listens: a RequestFailedException without an HTTP status, or, once its
    /// retries are spent, an AggregateException of those.
    /// </summary>
    public static bool IsUnreachable(Exception e) =>
        e is RequestFailedException { Status: 0 }
        || e is AggregateException aggregate && aggregate.InnerExceptions.All(IsUnreachable);

    /// <summary>Runs the store's health check (which also creates its container), explaining a connection failure.</summary>
    public static async Task EnsureReachableAsync(AzureBlobStore store, AzureBlobOptions options)
    {
        try
        {
            await store.CheckHealthAsync();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new InvalidOperationException(
                $"Azure Blob storage is not reachable for {options} ({e.Message}). " +
                $"Start Azurite with `infra/services/azurite.sh start`, or point {EnvironmentVariable} at a storage account.", e);
        }
    }
}
