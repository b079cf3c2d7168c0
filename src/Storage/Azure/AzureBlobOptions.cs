using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace MedVid.Storage.Azure;

/// <summary>Where <see cref="AzureBlobStore"/> finds Azure Blob storage (or Azurite), and which container it uses.</summary>
public sealed record AzureBlobOptions
{
    public const string DefaultContainer = "medvid";

    /// <summary>
    /// An Azure storage connection string as the SDK reads it: "UseDevelopmentStorage=true" (Azurite),
    /// "AccountName=…;AccountKey=…" with an optional BlobEndpoint or EndpointSuffix, or one with a SharedAccessSignature.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>Container holding the blobs; created on first write or health check.</summary>
    public string ContainerName { get; init; } = DefaultContainer;

    /// <summary>Blobs asked for per List Blobs call (Azure's maximum is 5000); small values exercise paging.</summary>
    public int ListPageSize { get; init; } = 5000;

    public static AzureBlobOptions FromConnectionString(string connectionString, string containerName = DefaultContainer) =>
        new() { ConnectionString = connectionString, ContainerName = containerName };

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when a value cannot work, before any request is made.</summary>
    public void Validate() => CreateContainerClient(httpClient: null);

    public static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>The connection string holds the account key: keep it out of logs.</summary>
    public override string ToString() => $"AzureBlobOptions {{ ContainerName = {ContainerName}, ListPageSize = {ListPageSize} }}";

    /// <param name="httpClient">A shared client for the SDK to send through; null uses the SDK's own.</param>
    internal BlobContainerClient CreateContainerClient(HttpClient? httpClient)
    {
        // Azure answers a bad container name only with a 400 on the first request; say why up front.
        if (!IsValidContainerName(ContainerName))
            throw new ArgumentException($"Azure blob options: container name '{ContainerName}' must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        if (ListPageSize is < 1 or > 5000) throw new ArgumentException("Azure blob options: ListPageSize must be between 1 and 5000.");
        if (string.IsNullOrWhiteSpace(ConnectionString)) throw new ArgumentException("Azure blob options: a connection string is required.");

        var clientOptions = new BlobClientOptions();
        // The storage SDK's default (5 retries from 0.8 s, doubling) holds a caller about 25 s before an outage
        // surfaces; 3 retries from 0.5 s report it within about 4 s, so /health and a failing upload answer promptly.
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromSeconds(0.5);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        if (httpClient is not null) clientOptions.Transport = new HttpClientTransport(httpClient);
        try
        {
            return new BlobContainerClient(ConnectionString, ContainerName, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The SDK's own message ("No valid combination of account information found.") does not say what would work;
            // the connection string itself is not repeated because it holds the account key.
            throw new ArgumentException(
                $"Azure blob options: the connection string is not a usable Azure storage connection string ({e.Message}). " +
                "Use \"UseDevelopmentStorage=true\" for Azurite, \"AccountName=…;AccountKey=…\" (base64 key) with an optional " +
                "BlobEndpoint or EndpointSuffix, or \"BlobEndpoint=…;SharedAccessSignature=…\".", e);
        }
    }
}
