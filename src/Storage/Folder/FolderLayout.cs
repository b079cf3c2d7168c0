namespace MedVid.Storage.Folder;

/// <summary>
/// Maps blob paths to files under the store's root and refuses anything that would leave it.
/// A blob "a/b.mp4" is the file "root/a/b.mp4"; the store's own files carry a '~' in their name,
/// a character blob paths cannot contain, so they never collide with a blob or show in listings.
/// </summary>
internal sealed class FolderLayout
{
    public const char ReservedMarker = '~';
    private const string MetadataSuffix = "~meta.json";

    public FolderLayout(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        RootWithSeparator = Root + Path.DirectorySeparatorChar;
    }

    public string Root { get; }

    private string RootWithSeparator { get; }

    /// <summary>The file of a blob; validates the path and checks it stays under the root.</summary>
    public string FileOf(string path)
    {
        BlobPath.Validate(path);
        return Resolve(path, path);
    }

    /// <summary>The directory that holds the complete segments of a listing prefix ("a/b/c" gives "root/a/b").</summary>
    public string DirectoryOfPrefix(string prefix)
    {
        BlobPath.ValidatePrefix(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        return lastSlash <= 0 ? Root : Resolve(prefix[..lastSlash], prefix);
    }

    public static string MetadataFileOf(string blobFile) => blobFile + MetadataSuffix;

    public static string TempFileFor(string blobFile) => $"{blobFile}{ReservedMarker}tmp-{Guid.NewGuid():N}";

    public string HealthProbeFile() => Path.Combine(Root, $"{ReservedMarker}health-{Guid.NewGuid():N}");

    /// <summary>The blob path of a file under the root.</summary>
    public string PathOf(string file) => file[RootWithSeparator.Length..].Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>A directory entry that can be (part of) a blob: not one of ours, not a link, a valid segment name.</summary>
    public static bool IsBlobEntry(FileSystemInfo entry) =>
        entry.LinkTarget is null && BlobPath.IsValid(entry.Name);

    private string Resolve(string relative, string blobPath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));
        // Validation already rules out "..", so this is defence in depth against a future rule change.
        if (!full.StartsWith(RootWithSeparator, StringComparison.Ordinal))
            throw new InvalidBlobPathException(blobPath, "it resolves outside the store's root");
        RefuseSymbolicLinks(full, blobPath);
        return full;
    }

    /// <summary>
    /// A symbolic link anywhere between the root and the target could point outside the root, so
    /// the store refuses to go through one. Walks only the part of the path that exists.
    /// </summary>
    private void RefuseSymbolicLinks(string full, string blobPath)
    {
        var current = Root;
        foreach (var segment in full[RootWithSeparator.Length..].Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
                throw new InvalidBlobPathException(blobPath, $"'{PathOf(current)}' is a symbolic link, which the folder store does not follow");
            if (!info.Exists && !Directory.Exists(current)) return;
        }
    }
}
