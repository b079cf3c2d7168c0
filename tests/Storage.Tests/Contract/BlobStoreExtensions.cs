using System.Text;

namespace MedVid.Storage.Tests.Contract;

internal static class BlobStoreExtensions
{
    public static async Task<byte[]> ReadAllAsync(this IBlobStore store, string path, BlobRange? range = null)
    {
        await using var stream = await store.OpenReadAsync(path, range);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static Task PutTextAsync(this IBlobStore store, string path, string text, string contentType = "text/plain") =>
        store.PutAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(text)), contentType);

    public static async Task<List<BlobProperties>> ListAllAsync(this IBlobStore store, string prefix)
    {
        var blobs = new List<BlobProperties>();
        await foreach (var blob in store.ListAsync(prefix)) blobs.Add(blob);
        return blobs;
    }
}
