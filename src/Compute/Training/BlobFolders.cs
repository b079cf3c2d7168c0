using MedVid.Storage;

namespace MedVid.Compute.Training;

/// <summary>Copies folders between a host's scratch disk and blob prefixes (checkpoints, samples, caches).</summary>
public sealed class BlobFolders(IBlobStore blobs)
{
    /// <summary>Uploads every file under <paramref name="folder"/> to <paramref name="prefix"/>/relative path; returns the blob paths.</summary>
    public async Task<IReadOnlyList<string>> UploadAsync(string folder, string prefix, CancellationToken ct)
    {
        var uploaded = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
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

    /// <summary>Deletes every blob under <paramref name="prefix"/> (a checkpoint past the keep limit).</summary>
    public async Task DeleteAsync(string prefix, CancellationToken ct)
    {
        var paths = new List<string>();
        await foreach (var blob in blobs.ListAsync(prefix + "/", ct)) paths.Add(blob.Path);
        foreach (var path in paths) await blobs.DeleteAsync(path, ct);
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".mp4" => "video/mp4",
        ".json" => "application/json",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
