using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace MedVid.Storage.Azure;

/// <summary>
/// Uploads a stream as a block blob without holding more than two blocks in memory: content up to
/// one block goes in a single Put Blob; anything larger as Put Block calls then one Put Block
/// List. Nothing is visible until that last call, so a failed or cancelled upload leaves no blob
/// (Azure discards uncommitted blocks by itself after a week).
/// </summary>
internal sealed class AzureBlockUpload(AzureBlobTransport transport)
{
    public const int BlockSize = 4 * 1024 * 1024;
    private const int MaxBlocks = 50_000;

    public async Task UploadAsync(string path, Stream content, string contentType, CancellationToken ct)
    {
        var first = ArrayPool<byte>.Shared.Rent(BlockSize);
        var second = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var firstLength = await FillAsync(content, first, ct).ConfigureAwait(false);
            var secondLength = firstLength < BlockSize ? 0 : await FillAsync(content, second, ct).ConfigureAwait(false);
            if (secondLength == 0)
            {
                await PutBlobAsync(path, first.AsMemory(0, firstLength), contentType, ct).ConfigureAwait(false);
                return;
            }

            // A fixed-length id prefix per upload: Azure wants all ids of a blob the same length, and a
            // fresh prefix keeps two concurrent uploads of one path from committing each other's blocks.
            var uploadId = Guid.NewGuid().ToString("N");
            var blockIds = new List<string>();
            await PutBlockAsync(path, BlockId(uploadId, blockIds), first.AsMemory(0, firstLength), ct).ConfigureAwait(false);
            var (buffer, length) = (second, secondLength);
            while (length > 0)
            {
                if (blockIds.Count == MaxBlocks)
                    throw new InvalidOperationException($"Blob '{path}' is larger than {MaxBlocks} blocks of {BlockSize} bytes.");
                await PutBlockAsync(path, BlockId(uploadId, blockIds), buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                length = length < BlockSize ? 0 : await FillAsync(content, buffer, ct).ConfigureAwait(false);
            }
            await PutBlockListAsync(path, blockIds, contentType, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    /// <summary>Reads until the block is full or the stream ends; returns the bytes read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < BlockSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, BlockSize - filled), ct).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }

    private static string BlockId(string uploadId, List<string> blockIds)
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{uploadId}-{blockIds.Count:D6}")));
        blockIds.Add(id);
        return id;
    }

    private Task PutBlobAsync(string path, ReadOnlyMemory<byte> data, string contentType, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, transport.BlobUri(path)) { Content = new ReadOnlyMemoryContent(data) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request, ct);
    }

    private Task PutBlockAsync(string path, string blockId, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var uri = transport.BlobUri(path, $"comp=block&blockid={Uri.EscapeDataString(blockId)}");
        return SendAsync(new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ReadOnlyMemoryContent(data) }, ct);
    }

    private Task PutBlockListAsync(string path, List<string> blockIds, string contentType, CancellationToken ct)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds) xml.Append("<Latest>").Append(id).Append("</Latest>");
        xml.Append("</BlockList>");
        var request = new HttpRequestMessage(HttpMethod.Put, transport.BlobUri(path, "comp=blocklist"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml.ToString())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Headers.Add("x-ms-blob-content-type", MediaTypeHeaderValue.Parse(contentType).ToString());
        return SendAsync(request, ct);
    }

    private async Task SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request) await transport.SendExpectingSuccessAsync(request, ct).ConfigureAwait(false);
    }
}
