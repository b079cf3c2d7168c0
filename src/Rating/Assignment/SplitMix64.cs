using System.Security.Cryptography;
using System.Text;

namespace MedVid.Rating.Assignment;

/// <summary>
/// A tiny PRNG with a fixed, documented algorithm (SplitMix64), so an order derived from a seed is the same on every
/// machine and .NET version (System.Random's seeded sequence is not guaranteed across versions).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed from text, e.g. "{campaign}/{rater}": the first 8 bytes of its SHA-256.</summary>
    public static SplitMix64 FromText(string text) =>
        new(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0));

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound));
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong x;
        do x = Next(); while (x >= limit);
        return (int)(x % (ulong)bound);
    }

    public bool NextBool() => (Next() & 1) == 1;

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
