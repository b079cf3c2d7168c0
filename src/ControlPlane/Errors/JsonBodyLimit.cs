namespace MedVid.ControlPlane.Errors;

/// <summary>
/// Caps JSON request bodies (uploads are multipart and have their own, much larger limit). The body is counted while
/// it is read, so a chunked body without Content-Length is cut off at the limit instead of being read in full.
/// </summary>
public static class JsonBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static void Apply(HttpRequest request)
    {
        if (!request.HasJsonContentType()) return;
        if (request.ContentLength > MaxBytes) throw TooLarge();
        request.Body = new LimitedStream(request.Body);
    }

    private static PayloadTooLargeException TooLarge() => new($"The JSON body is larger than the limit of {MaxBytes} bytes.");

    /// <summary>Reads through to the request body and throws once more than <see cref="MaxBytes"/> came.</summary>
    private sealed class LimitedStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > MaxBytes ? throw TooLarge() : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
