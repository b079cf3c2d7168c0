using System.Globalization;
using System.Xml.Linq;

namespace MedVid.Storage.Azure;

/// <summary>One page of a List Blobs answer: the blobs, and the marker of the next page (null on the last).</summary>
internal sealed record AzureBlobListPage(IReadOnlyList<BlobProperties> Blobs, string? NextMarker)
{
    public static async Task<AzureBlobListPage> ParseAsync(Stream xml, CancellationToken ct)
    {
        var root = (await XDocument.LoadAsync(xml, LoadOptions.None, ct).ConfigureAwait(false)).Root
            ?? throw new FormatException("List Blobs answered an empty document.");
        var blobs = root.Element("Blobs")?.Elements("Blob").Select(ParseBlob).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new AzureBlobListPage(blobs, string.IsNullOrEmpty(next) ? null : next);
    }

    private static BlobProperties ParseBlob(XElement blob)
    {
        var properties = blob.Element("Properties") ?? throw new FormatException("List Blobs: a blob without Properties.");
        return new BlobProperties(
            blob.Element("Name")?.Value ?? throw new FormatException("List Blobs: a blob without Name."),
            long.Parse(properties.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
            properties.Element("Content-Type")?.Value is { Length: > 0 } type ? type : "application/octet-stream",
            DateTimeOffset.Parse(properties.Element("Last-Modified")?.Value ?? throw new FormatException("List Blobs: no Last-Modified."),
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            QuotedETag(properties.Element("Etag")?.Value));
    }

    /// <summary>Listings give the ETag bare, HEAD answers quote it: quote both so they compare equal.</summary>
    public static string? QuotedETag(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
