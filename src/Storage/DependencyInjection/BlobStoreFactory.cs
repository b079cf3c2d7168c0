using MedVid.Storage.Azure;
using MedVid.Storage.Folder;

namespace MedVid.Storage.DependencyInjection;

/// <summary>Builds the configured store; usable without a service container (tools, tests).</summary>
public static class BlobStoreFactory
{
    /// <param name="httpClient">For the Azure store: a shared client for the SDK to send through; null lets the SDK use its own.</param>
    public static IBlobStore Create(BlobStoreOptions options, HttpClient? httpClient = null)
    {
        var validation = new BlobStoreOptionsValidator().Validate(null, options);
        if (validation.Failed) throw new ArgumentException(validation.FailureMessage, nameof(options));
        return string.Equals(options.Kind, BlobStoreOptions.AzureKind, StringComparison.OrdinalIgnoreCase)
            ? new AzureBlobStore(AzureBlobOptions.FromConnectionString(options.ConnectionString!, options.Container), httpClient)
            : new FolderBlobStore(Path.GetFullPath(options.Folder));
    }
}
