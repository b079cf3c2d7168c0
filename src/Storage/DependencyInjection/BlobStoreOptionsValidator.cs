using MedVid.Storage.Azure;
using Microsoft.Extensions.Options;

namespace MedVid.Storage.DependencyInjection;

/// <summary>Rejects a "Blobs" section that cannot give a working store, naming the key to fix.</summary>
internal sealed class BlobStoreOptionsValidator : IValidateOptions<BlobStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobStoreOptions options)
    {
        if (string.Equals(options.Kind, BlobStoreOptions.FolderKind, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.Folder)
                ? ValidateOptionsResult.Fail("Blobs:Folder must name a folder when Blobs:Kind is 'folder'.")
                : ValidateOptionsResult.Success;
        }
        if (!string.Equals(options.Kind, BlobStoreOptions.AzureKind, StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail($"Blobs:Kind must be 'folder' or 'azure', not '{options.Kind}'.");
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail("Blobs:ConnectionString is required when Blobs:Kind is 'azure'.");
        try
        {
            AzureBlobOptions.FromConnectionString(options.ConnectionString, options.Container).Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Blobs:ConnectionString / Blobs:Container: {e.Message}");
        }
    }
}
