using System.Net;
using System.Xml.Linq;
using MedVid.Storage.Azure;
using MedVid.Storage.Tests.Contract;

namespace MedVid.Storage.Tests.Azure;

/// <summary>What only the Azure backend has: blocks, list pages, the container, Azure's errors.</summary>
public sealed class AzureBlobStoreTests(AzuriteContainerFixture azurite) : IClassFixture<AzuriteContainerFixture>
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}/";

    [Fact]
    public async Task Content_over_one_block_is_committed_as_several_4_MiB_blocks()
    {
        var path = _prefix + "large.bin";
        await azurite.Store.PutAsync(path, TestStreams.Unseekable(TestStreams.RandomBytes(9 * 1024 * 1024, seed: 5)), "video/mp4");

        using var http = new HttpClient();
        var transport = new AzureBlobTransport(http, azurite.Options);
        using var request = new HttpRequestMessage(HttpMethod.Get, transport.BlobUri(path, "comp=blocklist&blocklisttype=committed"));
        using var response = await transport.SendAsync(request, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        var blocks = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Block")
            .Select(b => long.Parse(b.Element("Size")!.Value)).ToList();

        Assert.Equal([4L * 1024 * 1024, 4L * 1024 * 1024, 1024 * 1024], blocks);
    }

    [Fact]
    public async Task Small_content_goes_in_one_Put_Blob_request()
    {
        using var log = new RequestLog();
        using var store = new AzureBlobStore(azurite.Options, new HttpClient(log));

        await store.PutTextAsync(_prefix + "small.txt", "small");

        Assert.Equal(["PUT", "PUT"], log.Requests.Select(r => r.Split(' ')[0]));
        Assert.EndsWith("?restype=container", log.Requests[0]);
        Assert.EndsWith("/small.txt", log.Requests[1]);
    }

    [Fact]
    public async Task Listing_follows_next_markers_across_pages()
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
        using var http = new HttpClient();
        var transport = new AzureBlobTransport(http, azurite.Options);
        using var request = new HttpRequestMessage(HttpMethod.Put, transport.BlobUri(_prefix + "odd/~written-elsewhere"))
        {
            Content = new ByteArrayContent([1]),
        };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        await transport.SendExpectingSuccessAsync(request, CancellationToken.None);

        Assert.Equal([_prefix + "odd/fine.txt"], (await azurite.Store.ListAllAsync(_prefix + "odd/")).Select(b => b.Path));
    }

    [Fact]
    public async Task A_wrong_account_key_fails_with_Azures_status_and_error_code()
    {
        var options = azurite.Options with { AccountKey = Convert.ToBase64String(new byte[64]) };
        using var store = new AzureBlobStore(options);

        var error = await Assert.ThrowsAsync<AzureBlobException>(() => store.PutTextAsync(_prefix + "denied.txt", "x"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
        Assert.Contains(error.ErrorCode!, error.Message);
        Assert.Contains("403", error.Message);
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
