using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    /// <summary>A seeded CPU random generator, for reproducible sampling independent of the global seed.</summary>
    public sealed class Generator : IDisposable
    {
        private nint handle;

        public Generator(ulong seed)
        {
            Seed = seed;
            handle = Check.Handle(NativeTensor.mt_tensor_generator_new(seed));
        }

        public ulong Seed { get; }

        internal nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(Generator));

        public void Dispose()
        {
            var h = Interlocked.Exchange(ref handle, 0);
            if (h != 0) NativeTensor.mt_tensor_generator_free(h);
            GC.SuppressFinalize(this);
        }

        ~Generator() => Dispose();
    }
}
