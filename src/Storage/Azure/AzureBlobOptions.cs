namespace MedVid.Storage.Azure;

/// <summary>Where and as whom <see cref="AzureBlobStore"/> talks to Azure Blob storage (or Azurite).</summary>
public sealed record AzureBlobOptions
{
    public const string DefaultContainer = "medvid";

    /// <summary>Storage account name, e.g. "devstoreaccount1" for Azurite.</summary>
    public required string AccountName { get; init; }

    /// <summary>Storage account key, base64 as the portal shows it.</summary>
    public required string AccountKey { get; init; }

    /// <summary>Blob service endpoint, e.g. https://acct.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</summary>
    public required Uri BlobEndpoint { get; init; }

    /// <summary>Container holding the blobs; created on first write or health check.</summary>
    public string ContainerName { get; init; } = DefaultContainer;

    /// <summary>Blobs asked for per List Blobs call (Azure's maximum is 5000); small values exercise paging.</summary>
    public int ListPageSize { get; init; } = 5000;

    /// <summary>Parses an Azure storage connection string (including "UseDevelopmentStorage=true").</summary>
    public static AzureBlobOptions FromConnectionString(string connectionString, string containerName = DefaultContainer) =>
        AzureConnectionString.Parse(connectionString) with { ContainerName = containerName };

    /// <summary>Throws with a clear message when a value cannot work, before any request is made.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccountName)) throw new ArgumentException("Azure blob options: AccountName is required.");
        if (!IsBase64(AccountKey)) throw new ArgumentException("Azure blob options: AccountKey must be the account's base64 key.");
        if (!BlobEndpoint.IsAbsoluteUri || BlobEndpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Azure blob options: BlobEndpoint '{BlobEndpoint}' must be an absolute http(s) URI.");
        if (!IsValidContainerName(ContainerName))
            throw new ArgumentException($"Azure blob options: container name '{ContainerName}' must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        if (ListPageSize is < 1 or > 5000) throw new ArgumentException("Azure blob options: ListPageSize must be between 1 and 5000.");
    }

    public static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    private static bool IsBase64(string? value) =>
        !string.IsNullOrEmpty(value) && Convert.TryFromBase64String(value, new byte[value.Length], out var written) && written > 0;
}
