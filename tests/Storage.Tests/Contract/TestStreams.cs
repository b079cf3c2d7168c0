namespace MedVid.Storage.Tests.Contract;

/// <summary>Upload sources that behave like network streams: unseekable, short reads, or failing midway.</summary>
internal static class TestStreams
{
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An unseekable stream that returns at most <paramref name="maxRead"/> bytes per read, as a socket does.</summary>
    public static Stream Unseekable(byte[] data, int maxRead = 100_003) => new ScriptedStream(data, maxRead, failAt: null, onFail: null);

    /// <summary>Serves the first <paramref name="failAt"/> bytes, then runs <paramref name="onFail"/> (which should throw or cancel).</summary>
    public static Stream FailingAfter(byte[] data, long failAt, Action onFail) => new ScriptedStream(data, 65_536, failAt, onFail);

    private sealed class ScriptedStream(byte[] data, int maxRead, long? failAt, Action? onFail) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (failAt is { } limit && _position >= limit)
            {
                onFail!();
                throw new InvalidOperationException("onFail should have thrown");
            }
            var count = Math.Min(Math.Min(buffer.Length, maxRead), data.Length - _position);
            if (failAt is { } stop) count = (int)Math.Min(count, stop - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
