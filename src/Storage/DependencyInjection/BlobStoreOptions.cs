namespace MedVid.Storage.DependencyInjection;

/// <summary>The "Blobs" configuration section: which store to use and where it is.</summary>
public sealed class BlobStoreOptions
{
    public const string SectionName = "Blobs";
    public const string FolderKind = "folder";
    public const string AzureKind = "azure";

    /// <summary>"folder" (default, embedded mode) or "azure".</summary>
    public string Kind { get; set; } = FolderKind;

    /// <summary>Folder store root; a relative path is taken from the process's current directory.</summary>
    public string Folder { get; set; } = Path.Combine(".medvid", "data", "blobs");

    /// <summary>Azure storage connection string (kind "azure"), e.g. "UseDevelopmentStorage=true".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure container (kind "azure").</summary>
    public string Container { get; set; } = Azure.AzureBlobOptions.DefaultContainer;
}
