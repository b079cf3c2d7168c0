using System.Text;

namespace MedVid.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run once per backend by a subclass. Each test works
/// under its own random prefix, so tests sharing a store (and an Azure container) never meet.
/// </summary>
public abstract class BlobStoreContractTests(IBlobStore store)
{
    protected const int FourMiB = 4 * 1024 * 1024;

    protected IBlobStore Store { get; } = store;

    /// <summary>A fresh folder for this test (xunit creates one class instance per test).</summary>
    protected string Prefix { get; } = $"t{Guid.NewGuid():N}/";

    [Fact]
    public async Task Put_then_read_round_trips_bytes_and_properties()
    {
        var path = Prefix + "clip/report.txt";
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await Store.PutTextAsync(path, "hello blob", "text/plain; charset=utf-8");

        Assert.Equal("hello blob", Encoding.UTF8.GetString(await Store.ReadAllAsync(path)));
        var properties = await Store.GetPropertiesAsync(path);
        Assert.NotNull(properties);
        Assert.Equal(path, properties.Path);
        Assert.Equal(10, properties.Length);
        Assert.Equal("text/plain; charset=utf-8", properties.ContentType);
        Assert.InRange(properties.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False(string.IsNullOrEmpty(properties.ETag));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(FourMiB)]
    [InlineData(FourMiB + 1)]
    public async Task Sizes_around_the_block_size_round_trip_from_an_unseekable_stream(int size)
    {
        var path = Prefix + "sized.bin";
        var data = TestStreams.RandomBytes(size, seed: size);

        await Store.PutAsync(path, TestStreams.Unseekable(data), "application/octet-stream");

        Assert.Equal(data, await Store.ReadAllAsync(path));
        Assert.Equal(size, (await Store.GetPropertiesAsync(path))!.Length);
    }

    [Fact]
    public async Task A_9_MiB_blob_round_trips_byte_exact_and_reads_ranges_across_blocks()
    {
        var path = Prefix + "videos/large.mp4";
        var data = TestStreams.RandomBytes(9 * 1024 * 1024 + 123, seed: 9);

        await Store.PutAsync(path, TestStreams.Unseekable(data), "video/mp4");

        Assert.Equal(data, await Store.ReadAllAsync(path));
        Assert.Equal("video/mp4", (await Store.GetPropertiesAsync(path))!.ContentType);
        var acrossBoundary = new BlobRange(FourMiB - 10, 20);
        Assert.Equal(data.AsSpan(FourMiB - 10, 20).ToArray(), await Store.ReadAllAsync(path, acrossBoundary));
    }

    [Fact]
    public async Task Overwrite_replaces_content_and_content_type()
    {
        var path = Prefix + "same.txt";
        await Store.PutTextAsync(path, "first version", "text/plain");

        await Store.PutTextAsync(path, "second", "application/json");

        Assert.Equal("second", Encoding.UTF8.GetString(await Store.ReadAllAsync(path)));
        var properties = await Store.GetPropertiesAsync(path);
        Assert.Equal(6, properties!.Length);
        Assert.Equal("application/json", properties.ContentType);
    }

    [Fact]
    public async Task Ranged_reads_return_the_middle_the_tail_and_a_suffix()
    {
        var path = Prefix + "ranged.bin";
        var data = TestStreams.RandomBytes(1000, seed: 1);
        await Store.PutAsync(path, new MemoryStream(data), "application/octet-stream");

        Assert.Equal(data[100..150], await Store.ReadAllAsync(path, new BlobRange(100, 50)));
        Assert.Equal(data[990..], await Store.ReadAllAsync(path, new BlobRange(990, null)));
        Assert.Equal(HttpRangeParseResult.Satisfiable, HttpRangeHeader.TryParse("bytes=-20", data.Length, out var suffix));
        Assert.Equal(data[980..], await Store.ReadAllAsync(path, suffix));
    }

    [Fact]
    public async Task Ranges_are_clamped_to_the_blob_and_read_empty_past_its_end()
    {
        var path = Prefix + "short.bin";
        var data = TestStreams.RandomBytes(100, seed: 2);
        await Store.PutAsync(path, new MemoryStream(data), "application/octet-stream");

        Assert.Equal(data[95..], await Store.ReadAllAsync(path, new BlobRange(95, 1000)));
        Assert.Empty(await Store.ReadAllAsync(path, new BlobRange(100, null)));
        Assert.Empty(await Store.ReadAllAsync(path, new BlobRange(500, 10)));
        Assert.Empty(await Store.ReadAllAsync(path, new BlobRange(10, 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(path, new BlobRange(-1, 5)));
    }

    [Fact]
    public async Task Listing_returns_blobs_under_the_prefix_in_ordinal_path_order()
    {
        // '-' < '.' < '/' < '0' in ordinal order: a folder's blobs sort between "x.txt" and "x0".
        string[] names = ["a/x0", "a/x/y", "b/q", "a/x.txt", "ab/z", "a/x-1"];
        foreach (var name in names) await Store.PutTextAsync(Prefix + name, name);

        var underA = await Store.ListAllAsync(Prefix + "a/");
        Assert.Equal(["a/x-1", "a/x.txt", "a/x/y", "a/x0"], underA.Select(b => b.Path[Prefix.Length..]));
        Assert.All(underA, b => Assert.Equal("text/plain", b.ContentType));
        Assert.Equal(7, underA.Single(b => b.Path.EndsWith("a/x.txt", StringComparison.Ordinal)).Length);

        var startingWithA = await Store.ListAllAsync(Prefix + "a");
        Assert.Equal(["a/x-1", "a/x.txt", "a/x/y", "a/x0", "ab/z"], startingWithA.Select(b => b.Path[Prefix.Length..]));

        var partialSegment = await Store.ListAllAsync(Prefix + "a/x.");
        Assert.Equal(["a/x.txt"], partialSegment.Select(b => b.Path[Prefix.Length..]));

        Assert.Equal(6, (await Store.ListAllAsync(Prefix)).Count);
        Assert.Empty(await Store.ListAllAsync(Prefix + "missing/"));
    }

    [Fact]
    public async Task Listing_properties_match_GetProperties()
    {
        var path = Prefix + "props/one.json";
        await Store.PutTextAsync(path, "{}", "application/json");

        var listed = Assert.Single(await Store.ListAllAsync(Prefix + "props/"));
        var direct = await Store.GetPropertiesAsync(path);

        Assert.Equal(direct, listed with { LastModified = direct!.LastModified });
        Assert.InRange((listed.LastModified - direct.LastModified).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Delete_removes_only_that_blob_and_reports_whether_it_existed()
    {
        var path = Prefix + "d/gone.txt";
        var sibling = Prefix + "d/kept.txt";
        await Store.PutTextAsync(path, "bye");
        await Store.PutTextAsync(sibling, "stay");

        Assert.True(await Store.DeleteAsync(path));
        Assert.False(await Store.DeleteAsync(path));

        Assert.Null(await Store.GetPropertiesAsync(path));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(path));
        Assert.Equal([sibling], (await Store.ListAllAsync(Prefix)).Select(b => b.Path));
        Assert.Equal("stay", Encoding.UTF8.GetString(await Store.ReadAllAsync(sibling)));
    }

    [Fact]
    public async Task Missing_blobs_read_as_null_not_found_or_false()
    {
        var path = Prefix + "never/written.bin";

        Assert.Null(await Store.GetPropertiesAsync(path));
        var notFound = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(path));
        Assert.Equal(path, notFound.Path);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(path, new BlobRange(0, 10)));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(path, new BlobRange(0, 0)));
        Assert.False(await Store.DeleteAsync(path));
    }

    public static TheoryData<string> InvalidPaths() =>
        ["../x", "/abs", "a//b", "a\\b", "", "a/./b", "a/../b", "a/", "a b", "caf\u00e9", new string('x', 1025)];

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task Invalid_paths_are_rejected_by_every_method(string path)
    {
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => Store.PutAsync(path, new MemoryStream([1]), "text/plain"));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => Store.GetPropertiesAsync(path));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => Store.OpenReadAsync(path));
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => Store.DeleteAsync(path));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a//")]
    [InlineData("a\\")]
    public async Task Invalid_listing_prefixes_are_rejected(string prefix)
    {
        await Assert.ThrowsAsync<InvalidBlobPathException>(() => Store.ListAllAsync(prefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a type")]
    public async Task Invalid_content_types_are_rejected(string contentType)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(Prefix + "typed.bin", new MemoryStream([1]), contentType));
        Assert.Null(await Store.GetPropertiesAsync(Prefix + "typed.bin"));
    }

    [Theory]
    [InlineData(10_000, 1_000)]
    [InlineData(9 * 1024 * 1024, 5 * 1024 * 1024)]
    public async Task A_cancelled_upload_leaves_no_blob(int size, int cancelAfter)
    {
        var path = Prefix + "cancelled.bin";
        using var cancellation = new CancellationTokenSource();
        var source = TestStreams.FailingAfter(TestStreams.RandomBytes(size, seed: 3), cancelAfter, () =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(path, source, "video/mp4", cancellation.Token));

        Assert.Null(await Store.GetPropertiesAsync(path));
        Assert.Empty(await Store.ListAllAsync(Prefix));
    }

    [Fact]
    public async Task A_failed_overwrite_keeps_the_previous_blob()
    {
        var path = Prefix + "precious.bin";
        await Store.PutTextAsync(path, "version one");
        var failing = TestStreams.FailingAfter(TestStreams.RandomBytes(6 * 1024 * 1024, seed: 4), 5 * 1024 * 1024,
            () => throw new IOException("network dropped"));

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(path, failing, "video/mp4"));

        Assert.Equal("version one", Encoding.UTF8.GetString(await Store.ReadAllAsync(path)));
        Assert.Equal("text/plain", (await Store.GetPropertiesAsync(path))!.ContentType);
    }

    [Fact]
    public async Task Health_check_passes_and_leaves_nothing_behind()
    {
        await Store.CheckHealthAsync();

        Assert.All(await Store.ListAllAsync(""), blob => Assert.True(BlobPath.IsValid(blob.Path), blob.Path));
    }
}
