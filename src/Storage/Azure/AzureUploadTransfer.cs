using Azure.Storage;

namespace MedVid.Storage.Azure;

/// <summary>How <see cref="AzureBlobStore"/> asks the SDK to cut uploads into requests.</summary>
internal static class AzureUploadTransfer
{
    /// <summary>
    /// Content of known length (a file, a memory stream) under this size goes up in one Put Blob: one round trip
    /// beats staging and committing blocks. The SDK's own default (256 MiB) would send a large file as one
    /// request that a dropped connection makes start over. Content of unknown length (a request body) always
    /// goes in blocks: SDK 12.30.1 does not buffer it to find out whether it is small.
    /// </summary>
    public const int SinglePutLimit = 8 * 1024 * 1024;

    /// <summary>
    /// Larger blobs go up as Put Block calls of this size, committed by one Put Block List, so nothing is
    /// visible before the last block is in. 4 MiB keeps a failed block cheap to retry and allows blobs up to
    /// 50,000 blocks × 4 MiB ≈ 195 GiB, far beyond any video or checkpoint here.
    /// </summary>
    public const int BlockSize = 4 * 1024 * 1024;

    /// <summary>
    /// Blocks in flight at once. Sources are usually unseekable (request bodies, ffmpeg output), so the SDK
    /// buffers every block in flight: 4 × 4 MiB bounds that at 16 MiB per upload while keeping a link busy.
    /// </summary>
    public const int Concurrency = 4;

    public static StorageTransferOptions Options => new()
    {
        InitialTransferSize = SinglePutLimit,
        MaximumTransferSize = BlockSize,
        MaximumConcurrency = Concurrency,
    };
}
