using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedVid.Storage.Folder;

/// <summary>
/// Blobs as files under a root folder (the embedded mode's store). Writes go to a temporary file
/// in the target's folder and are renamed into place, so readers see the old or the new blob,
/// never a partial one, and a failed or cancelled upload leaves nothing behind.
/// Unlike Azure, a folder cannot hold a blob "a" and a blob "a/b" at once; such a Put fails.
/// </summary>
public sealed class FolderBlobStore : IBlobStore
{
    private const int CopyBufferSize = 1 << 20;
    private readonly FolderLayout _layout;

    public FolderBlobStore(string rootDirectory)
    {
        _layout = new FolderLayout(rootDirectory);
        Directory.CreateDirectory(_layout.Root);
    }

    public string Kind => "folder";

    public string RootDirectory => _layout.Root;

    public async Task PutAsync(string path, Stream content, string contentType, CancellationToken ct = default)
    {
        var file = _layout.FileOf(path);
        ArgumentNullException.ThrowIfNull(content);
        contentType = BlobArguments.NormalizeContentType(contentType);
        if (Directory.Exists(file))
            throw new IOException($"Cannot store blob '{path}': the folder store already holds blobs under '{path}/'.");

        var tempData = FolderLayout.TempFileFor(file);
        var tempMetadata = FolderLayout.TempFileFor(file);
        try
        {
            await using (var target = CreateTempFile(path, tempData))
            {
                await content.CopyToAsync(target, CopyBufferSize, ct).ConfigureAwait(false);
                // Durable before it becomes visible: a crash after the rename must not leave a blob of zeros.
                target.Flush(flushToDisk: true);
            }
            await FolderBlobMetadata.WriteAsync(tempMetadata, new FolderBlobMetadata(contentType), ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            // Metadata first: the blob exists once its data file does, and then its content type is already there.
            File.Move(tempMetadata, FolderLayout.MetadataFileOf(file), overwrite: true);
            File.Move(tempData, file, overwrite: true);
        }
        finally
        {
            DeleteIfPresent(tempData);
            DeleteIfPresent(tempMetadata);
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string path, CancellationToken ct = default)
    {
        var file = _layout.FileOf(path);
        var info = new FileInfo(file);
        return info.Exists ? await PropertiesOfAsync(path, info, ct).ConfigureAwait(false) : null;
    }

    public Task<Stream> OpenReadAsync(string path, BlobRange? range = null, CancellationToken ct = default)
    {
        var file = _layout.FileOf(path);
        BlobArguments.ValidateRange(range);
        ct.ThrowIfCancellationRequested();
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || Directory.Exists(file))
        {
            throw new BlobNotFoundException(path);
        }

        if (range is not { } r) return Task.FromResult<Stream>(stream);
        var offset = Math.Min(r.Offset, stream.Length);
        var available = stream.Length - offset;
        stream.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(new LengthLimitedStream(stream, Math.Min(r.Length ?? available, available)));
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var file in FolderBlobLister.ListFiles(_layout, prefix))
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            if (!info.Exists) continue; // deleted since the directory was read
            yield return await PropertiesOfAsync(_layout.PathOf(file), info, ct).ConfigureAwait(false);
        }
    }

    public Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        var file = _layout.FileOf(path);
        ct.ThrowIfCancellationRequested();
        if (!File.Exists(file)) return Task.FromResult(false);
        File.Delete(file);
        File.Delete(FolderLayout.MetadataFileOf(file));
        PruneEmptyDirectories(Path.GetDirectoryName(file)!);
        return Task.FromResult(true);
    }

    public async Task CheckHealthAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(_layout.Root))
            throw new DirectoryNotFoundException($"Blob store root '{_layout.Root}' does not exist.");
        var probe = _layout.HealthProbeFile();
        try
        {
            await File.WriteAllBytesAsync(probe, [1], ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>
    /// Creates the temporary file, and its folders. A concurrent delete may prune a folder just
    /// created (it was empty), so the pair is retried a few times.
    /// </summary>
    private static FileStream CreateTempFile(string path, string tempFile)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(tempFile)!);
                return new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                    CopyBufferSize, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                throw new IOException($"Cannot store blob '{path}': a blob exists where the folder store needs a folder ({e.Message}).", e);
            }
        }
    }

    /// <summary>Cleanup that must not hide the original failure: the folder may never have been created.</summary>
    private static void DeleteIfPresent(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Removes folders emptied by a delete, so a later blob may take their name and listings stay fast.</summary>
    private void PruneEmptyDirectories(string directory)
    {
        while (directory.Length > _layout.Root.Length && directory.StartsWith(_layout.Root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any()) return;
                Directory.Delete(directory, recursive: false);
            }
            catch (IOException)
            {
                return; // not empty any more, or already gone
            }
            directory = Path.GetDirectoryName(directory)!;
        }
    }

    private static async Task<BlobProperties> PropertiesOfAsync(string path, FileInfo info, CancellationToken ct)
    {
        var metadata = await FolderBlobMetadata.ReadAsync(FolderLayout.MetadataFileOf(info.FullName), ct).ConfigureAwait(false);
        var lastModified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        // Changes whenever the file is replaced (new write time or length): enough for HTTP caching.
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}\"");
        return new BlobProperties(path, info.Length, metadata.ContentType, lastModified, etag);
    }
}
