using MedVid.Storage.Folder;
using MedVid.Storage.Tests.Contract;

namespace MedVid.Storage.Tests.Folder;

/// <summary>What only the folder backend has: files on disk, symbolic links, the folder/blob clash.</summary>
public sealed class FolderBlobStoreTests : IDisposable
{
    private readonly TempFolderFixture _temp = new();
    private readonly string _root;
    private readonly FolderBlobStore _store;

    public FolderBlobStoreTests()
    {
        _root = Path.Combine(_temp.Path, "root");
        _store = new FolderBlobStore(_root);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_blob_is_a_plain_file_under_the_root()
    {
        await _store.PutTextAsync("teams/7/videos/1/proxy.mp4", "mp4 bytes", "video/mp4");

        Assert.Equal("mp4 bytes", File.ReadAllText(Path.Combine(_root, "teams", "7", "videos", "1", "proxy.mp4")));
    }

    [Fact]
    public async Task Failed_and_cancelled_uploads_leave_no_temporary_files()
    {
        var failing = TestStreams.FailingAfter(new byte[100_000], 50_000, () => throw new IOException("disk unplugged"));
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("dir/blob.bin", failing, "video/mp4"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync("dir/other.bin", new MemoryStream(new byte[10]), "video/mp4", cancelled.Token));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_root_is_never_followed()
    {
        var outside = Path.Combine(_temp.Path, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), outside);

        await Assert.ThrowsAsync<InvalidBlobPathException>(() => _store.OpenReadAsync("link/secret.txt"));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => _store.GetPropertiesAsync("link/secret.txt"));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => _store.PutTextAsync("link/planted.txt", "x"));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => _store.DeleteAsync("link/secret.txt"));
        Assert.Empty(await _store.ListAllAsync(""));
        Assert.Equal(["secret.txt"], Directory.EnumerateFiles(outside).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_blob_and_a_folder_of_the_same_name_cannot_coexist()
    {
        await _store.PutTextAsync("a", "blob a");
        await _store.PutTextAsync("b/c", "blob b/c");

        var underBlob = await Assert.ThrowsAsync<IOException>(() => _store.PutTextAsync("a/b", "x"));
        Assert.Contains("'a/b'", underBlob.Message);
        var overFolder = await Assert.ThrowsAsync<IOException>(() => _store.PutTextAsync("b", "x"));
        Assert.Contains("'b'", overFolder.Message);
        Assert.Null(await _store.GetPropertiesAsync("b"));
    }

    [Fact]
    public async Task Deleting_the_last_blob_of_a_folder_removes_the_emptied_folders()
    {
        await _store.PutTextAsync("x/y/z.txt", "z");

        await _store.DeleteAsync("x/y/z.txt");

        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
        await _store.PutTextAsync("x", "now a blob");
        Assert.Equal(["x"], (await _store.ListAllAsync("")).Select(b => b.Path));
    }

    [Fact]
    public async Task A_file_copied_in_by_hand_is_listed_as_octet_stream_and_odd_names_are_ignored()
    {
        Directory.CreateDirectory(Path.Combine(_root, "import"));
        File.WriteAllText(Path.Combine(_root, "import", "raw.bin"), "raw");
        File.WriteAllText(Path.Combine(_root, "import", "with space.bin"), "ignored");

        var blob = Assert.Single(await _store.ListAllAsync("import/"));

        Assert.Equal(("import/raw.bin", 3L, "application/octet-stream"), (blob.Path, blob.Length, blob.ContentType));
    }

    [Fact]
    public async Task Health_fails_when_the_root_is_gone()
    {
        Directory.Delete(_root, recursive: true);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _store.CheckHealthAsync());
    }
}
