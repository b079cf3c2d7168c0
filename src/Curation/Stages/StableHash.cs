using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MedVid.Curation.Stages;

/// <summary>A deterministic value in [0, 1) for a (seed, key) pair, identical on every machine and
/// run (string.GetHashCode is randomised per process, so it cannot be used).</summary>
public static class StableHash
{
    public static double UnitInterval(string seed, string key)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + key));
        return (BinaryPrimitives.ReadUInt64BigEndian(digest) >> 11) * (1.0 / (1UL << 53));
    }
}
