namespace MedVid.Storage.Azure;

/// <summary>
/// Reads the parts of an Azure storage connection string that a SharedKey blob client needs:
/// "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net",
/// an explicit "BlobEndpoint=…", or "UseDevelopmentStorage=true" for Azurite's well-known account.
/// </summary>
internal static class AzureConnectionString
{
    // Azurite's development account: published by Microsoft, the same on every machine.
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static readonly Uri DevelopmentBlobEndpoint = new("http://127.0.0.1:10000/devstoreaccount1");

    public static AzureBlobOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = Split(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var isDevelopment) && isDevelopment)
        {
            return new AzureBlobOptions
            {
                AccountName = DevelopmentAccountName,
                AccountKey = DevelopmentAccountKey,
                BlobEndpoint = DevelopmentBlobEndpoint,
            };
        }

        if (parts.ContainsKey("SharedAccessSignature"))
            throw new ArgumentException("Azure connection string: SAS tokens are not supported; use AccountName and AccountKey.");
        var account = Required(parts, "AccountName");
        var key = Required(parts, "AccountKey");
        var endpoint = parts.TryGetValue("BlobEndpoint", out var explicitEndpoint)
            ? explicitEndpoint
            : $"{parts.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{account}.blob.{parts.GetValueOrDefault("EndpointSuffix", "core.windows.net")}";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var blobEndpoint))
            throw new ArgumentException($"Azure connection string: blob endpoint '{endpoint}' is not an absolute URI.");
        return new AzureBlobOptions { AccountName = account, AccountKey = key, BlobEndpoint = blobEndpoint };
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end in '='.
            var equals = part.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"Azure connection string: '{part}' is not a key=value pair.");
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        return parts;
    }

    private static string Required(Dictionary<string, string> parts, string key) =>
        parts.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"Azure connection string: '{key}' is missing.");
}
