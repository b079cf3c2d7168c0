namespace MedVid.Storage.Folder;

/// <summary>
/// Lists blob files under a prefix in ordinal path order without collecting them first: each
/// directory is read sorted, with a subdirectory keyed as "name/" so that "a.txt" &lt; "a/x" &lt; "a0",
/// the same order as sorting the full paths (and as Azure lists).
/// </summary>
internal static class FolderBlobLister
{
    public static IEnumerable<string> ListFiles(FolderLayout layout, string prefix)
    {
        var start = layout.DirectoryOfPrefix(prefix);
        return Directory.Exists(start) ? Walk(layout, new DirectoryInfo(start), prefix) : [];
    }

    private static IEnumerable<string> Walk(FolderLayout layout, DirectoryInfo directory, string prefix)
    {
        List<(string Key, FileSystemInfo Entry)> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos()
                .Where(FolderLayout.IsBlobEntry)
                .Select(e => (Key: e is DirectoryInfo ? e.Name + "/" : e.Name, Entry: e))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            yield break; // deleted (emptied and pruned) while listing
        }

        foreach (var (_, entry) in entries)
        {
            var path = layout.PathOf(entry.FullName);
            if (entry is DirectoryInfo subdirectory)
            {
                var asPrefix = path + "/";
                if (!asPrefix.StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith(asPrefix, StringComparison.Ordinal)) continue;
                foreach (var file in Walk(layout, subdirectory, prefix)) yield return file;
            }
            else if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return entry.FullName;
            }
        }
    }
}
