namespace MedVid.Phantoms.Rendering;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by this code, not by the runtime, so a
/// phantom's pixels stay identical for its seed across .NET versions (System.Random gives no such promise).
/// </summary>
internal sealed class PhantomRandom(ulong seed)
{
    private ulong _state = seed;

    public PhantomRandom(int seed, int stream) : this(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xD1B54A32D192ED03UL))
    {
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
