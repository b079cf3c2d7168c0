using MedVid.Compute.Training;
using MedVid.Storage;
using MedVid.Storage.Folder;

namespace MedVid.Compute.UnitTests.Training;

/// <summary>A checkpoint's commit marker goes up last and is deleted first, so a host killed mid-way leaves no folder that looks complete.</summary>
public sealed class BlobFoldersTests() : TempFolderTest("medvid-blobfolders-")
{
    [Fact]
    public async Task The_commit_marker_is_uploaded_after_every_other_file_and_deleted_before_them()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "checkpoint")).FullName;
        // "trainer.json" sorts before "zz-weights.bin": ordinal order alone would upload the marker too early.
        foreach (var name in new[] { "a.safetensors", "trainer.json", "zz-weights.bin", Path.Combine("samples", "0.mp4") })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            await File.WriteAllTextAsync(Path.Combine(folder, name), name);
        }
        var store = new RecordingStore(new FolderBlobStore(Path.Combine(Root, "blobs")));
        var folders = new BlobFolders(store);

        await folders.UploadAsync(folder, "run/checkpoints/00000040", default, "trainer.json");
        Assert.Equal("run/checkpoints/00000040/trainer.json", store.Puts[^1]);
        Assert.Equal(4, store.Puts.Count);

        await folders.DeleteAsync("run/checkpoints/00000040", default, "trainer.json");
        Assert.Equal("run/checkpoints/00000040/trainer.json", store.Deletes[0]);
        Assert.Equal(4, store.Deletes.Count);
    }

    private sealed class RecordingStore(IBlobStore inner) : IBlobStore
    {
        public List<string> Puts { get; } = [];
        public List<string> Deletes { get; } = [];

        public Task PutAsync(string path, Stream content, string contentType, CancellationToken ct = default)
        {
            Puts.Add(path);
            return inner.PutAsync(path, content, contentType, ct);
        }

        public Task<bool> DeleteAsync(string path, CancellationToken ct = default)
        {
            Deletes.Add(path);
            return inner.DeleteAsync(path, ct);
        }

        public Task<BlobProperties?> GetPropertiesAsync(string path, CancellationToken ct = default) => inner.GetPropertiesAsync(path, ct);
        public Task<Stream> OpenReadAsync(string path, BlobRange? range = null, CancellationToken ct = default) => inner.OpenReadAsync(path, range, ct);
        public IAsyncEnumerable<BlobProperties> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
        public Task CheckHealthAsync(CancellationToken ct = default) => inner.CheckHealthAsync(ct);
        public string Kind => inner.Kind;
    }
}
