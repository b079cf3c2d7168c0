using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MedVid.Storage.Azure;
using MedVid.Storage.Tests.Contract;

namespace MedVid.Storage.Tests.Azure;

/// <summary>What only the SDK-backed Azure store has: blocks, list pages, the container, ETags Azure honours, Azure's errors.</summary>
public sealed class AzureBlobStoreTests(AzuriteContainerFixture azurite) : IClassFixture<AzuriteContainerFixture>
{
    private const int MiB = 1024 * 1024;
    private readonly string _prefix = $"t{Guid.NewGuid():N}/";

    /// <summary>The same container, spoken to through the SDK directly, to see what the store left there.</summary>
    private BlobContainerClient Container => azurite.Options.CreateContainerClient(httpClient: null);

    [Fact]
    public async Task A_blob_over_8_MiB_goes_up_in_4_MiB_blocks_and_reads_back_whole_and_in_ranges()
    {
        var path = _prefix + "large.mp4";
        var data = TestStreams.RandomBytes(9 * MiB + 321, seed: 5);

        await azurite.Store.PutAsync(path, TestStreams.Unseekable(data), "video/mp4");

        var blocks = (await Container.GetBlockBlobClient(path).GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks;
        Assert.Equal([4L * MiB, 4L * MiB, MiB + 321], blocks.Select(b => b.SizeLong));
        Assert.Equal(data, await azurite.Store.ReadAllAsync(path));
        var acrossBothBlockBoundaries = new BlobRange(4 * MiB - 7, 4 * MiB + 14);
        Assert.Equal(data.AsSpan(4 * MiB - 7, 4 * MiB + 14).ToArray(), await azurite.Store.ReadAllAsync(path, acrossBothBlockBoundaries));
        Assert.Equal(data.AsSpan(9 * MiB).ToArray(), await azurite.Store.ReadAllAsync(path, new BlobRange(9 * MiB, null)));
    }

    [Fact]
    public async Task Content_of_known_length_under_8_MiB_goes_in_one_Put_Blob_request()
    {
        using var log = new RequestLog();
        using var store = new AzureBlobStore(azurite.Options, new HttpClient(log));

        await store.PutAsync(_prefix + "eight.bin", new MemoryStream(TestStreams.RandomBytes(8 * MiB - 1, seed: 8)), "video/mp4");

        Assert.Equal(["PUT", "PUT"], log.Requests.Select(r => r.Split(' ')[0]));
        Assert.EndsWith("?restype=container", log.Requests[0]);
        Assert.EndsWith("/eight.bin", log.Requests[1]);
    }

    [Fact]
    public async Task A_ranged_read_asks_Azure_for_just_that_range()
    {
        var path = _prefix + "ranged.bin";
        var data = TestStreams.RandomBytes(1000, seed: 6);
        await azurite.Store.PutAsync(path, new MemoryStream(data), "application/octet-stream");
        using var log = new RequestLog();
        using var store = new AzureBlobStore(azurite.Options, new HttpClient(log));

        Assert.Equal(data[200..300], await store.ReadAllAsync(path, new BlobRange(200, 100)));

        Assert.Equal(["bytes=200-299"], log.Ranges);
    }

    [Fact]
    public async Task Content_type_length_and_ETag_are_the_ones_Azure_keeps()
    {
        var path = _prefix + "props/report.json";
        await azurite.Store.PutTextAsync(path, "{\"ok\":true}", "application/json; charset=utf-8");

        var stored = await azurite.Store.GetPropertiesAsync(path);
        var direct = (await Container.GetBlobClient(path).GetPropertiesAsync()).Value;

        Assert.NotNull(stored);
        Assert.Equal(("application/json; charset=utf-8", 11L), (stored.ContentType, stored.Length));
        Assert.Equal((direct.ContentType, direct.ContentLength, direct.LastModified), (stored.ContentType, stored.Length, stored.LastModified));
        Assert.Equal(direct.ETag.ToString("H"), stored.ETag);
        Assert.StartsWith("\"", stored.ETag);
    }

    [Fact]
    public async Task An_ETag_from_the_store_is_one_Azure_honours_in_a_conditional_request()
    {
        var path = _prefix + "versioned.txt";
        await azurite.Store.PutTextAsync(path, "version one");
        var first = (await azurite.Store.GetPropertiesAsync(path))!.ETag!;
        await azurite.Store.PutTextAsync(path, "version two");
        var blob = Container.GetBlobClient(path);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(first) } }));
        Assert.Equal((412, BlobErrorCode.ConditionNotMet.ToString()), (stale.Status, stale.ErrorCode));

        var current = (await azurite.Store.GetPropertiesAsync(path))!.ETag!;
        Assert.NotEqual(first, current);
        var fresh = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(current) } });
        Assert.Equal("version two", fresh.Value.Content.ToString());
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        for (var i = 0; i < 5; i++) await azurite.Store.PutTextAsync($"{_prefix}p/{i}", "x");
        using var log = new RequestLog();
        using var store = new AzureBlobStore(azurite.Options, new HttpClient(log));

        var listed = await store.ListAllAsync(_prefix + "p/");

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{_prefix}p/{i}"), listed.Select(b => b.Path));
        Assert.Equal(3, log.Requests.Count(r => r.Contains("comp=list", StringComparison.Ordinal)));
        Assert.Contains(log.Requests, r => r.Contains("marker=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_skips_blobs_whose_names_break_the_path_rule()
    {
        await azurite.Store.PutTextAsync(_prefix + "odd/fine.txt", "x");
        await Container.GetBlobClient(_prefix + "odd/~written-elsewhere").UploadAsync(BinaryData.FromString("x"));

        Assert.Equal([_prefix + "odd/fine.txt"], (await azurite.Store.ListAllAsync(_prefix + "odd/")).Select(b => b.Path));
    }

    [Fact]
    public async Task A_missing_blob_reads_as_not_found_and_its_range_too()
    {
        var path = _prefix + "missing.bin";

        Assert.Null(await azurite.Store.GetPropertiesAsync(path));
        Assert.Equal(path, (await Assert.ThrowsAsync<BlobNotFoundException>(() => azurite.Store.OpenReadAsync(path))).Path);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => azurite.Store.OpenReadAsync(path, new BlobRange(5, 10)));
        Assert.False(await azurite.Store.DeleteAsync(path));
    }

    [Fact]
    public async Task A_wrong_account_key_fails_with_Azures_status_and_error_code()
    {
        var wrongKey = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
            "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
        using var store = new AzureBlobStore(azurite.Options with { ConnectionString = wrongKey });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.PutTextAsync(_prefix + "denied.txt", "x"));

        Assert.Equal(403, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
        Assert.Contains(error.ErrorCode!, error.Message);
    }

    [Fact]
    public async Task The_container_is_created_on_first_write_and_a_missing_one_reads_as_empty()
    {
        var options = Azurite.UniqueContainer(Azurite.ConnectionString);
        using var store = new AzureBlobStore(options);
        try
        {
            Assert.Empty(await store.ListAllAsync(""));
            Assert.Null(await store.GetPropertiesAsync("a.txt"));
            await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync("a.txt"));
            Assert.False(await store.DeleteAsync("a.txt"));

            await store.PutTextAsync("a.txt", "created");

            Assert.Equal(["a.txt"], (await store.ListAllAsync("")).Select(b => b.Path));
        }
        finally
        {
            Assert.True(await store.DeleteContainerAsync());
        }
        Assert.False(await store.DeleteContainerAsync());
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_with_a_message_saying_how_to_start_Azurite()
    {
        var options = Azurite.UniqueContainer(Azurite.DevelopmentConnectionString.Replace(":10000", ":1", StringComparison.Ordinal));
        using var store = new AzureBlobStore(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Azurite.EnsureReachableAsync(store, options));

        Assert.Contains("infra/services/azurite.sh start", error.Message);
    }
}
