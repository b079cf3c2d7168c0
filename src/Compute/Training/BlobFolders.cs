using MedVid.Storage;

namespace MedVid.Compute.Training;

/// <summary>Copies folders between a host's scratch disk and blob prefixes (checkpoints, samples, caches).</summary>
public sealed class BlobFolders(IBlobStore blobs)
{
    /// <summary>
    /// Uploads every file under <paramref name="folder"/> to <paramref name="prefix"/>/relative path; returns the blob
    /// paths. The file named <paramref name="commitMarker"/> goes up last, so a reader that looks for it never sees a
    /// folder whose upload was cut short (its host died).
    /// </summary>
    public async Task<IReadOnlyList<string>> UploadAsync(string folder, string prefix, CancellationToken ct, string? commitMarker = null)
    {
        var uploaded = new List<string>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .OrderBy(f => Path.GetRelativePath(folder, f) == commitMarker).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = $"{prefix}/{Path.GetRelativePath(folder, file).Replace('\\', '/')}";
            await using var stream = File.OpenRead(file);
            await blobs.PutAsync(path, stream, ContentTypeOf(file), ct);
            uploaded.Add(path);
        }
        return uploaded;
    }

    /// <summary>Downloads every blob under <paramref name="prefix"/> into <paramref name="folder"/>; refuses an empty prefix.</summary>
    public async Task DownloadAsync(string prefix, string folder, CancellationToken ct)
    {
        var count = 0;
        await foreach (var blob in blobs.ListAsync(prefix + "/", ct))
        {
            var target = Path.Combine(folder, blob.Path[(prefix.Length + 1)..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = await blobs.OpenReadAsync(blob.Path, null, ct);
            await using var file = File.Create(target);
            await source.CopyToAsync(file, ct);
            count++;
        }
        if (count == 0) throw new InvalidOperationException($"No checkpoint is stored under {prefix}.");
    }

    /// <summary>
    /// Deletes every blob under <paramref name="prefix"/> (a checkpoint past the keep limit), the one named
    /// <paramref name="commitMarker"/> first, so a deletion cut short leaves a folder no reader takes as complete.
    /// </summary>
    public async Task DeleteAsync(string prefix, CancellationToken ct, string? commitMarker = null)
    {
        var paths = new List<string>();
        await foreach (var blob in blobs.ListAsync(prefix + "/", ct)) paths.Add(blob.Path);
        foreach (var path in paths.OrderBy(p => p != $"{prefix}/{commitMarker}")) await blobs.DeleteAsync(path, ct);
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".mp4" => "video/mp4",
        ".json" => "application/json",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
