using System.Security.Cryptography;
using System.Text;

namespace MedVid.Grains.Runtime;

/// <summary>Stable ids derived from another id and a purpose, so that retried operations name the same entity.</summary>
public static class DeterministicGuid
{
    public static Guid From(Guid source, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{source:N}/{purpose}"), hash);
        return new Guid(hash[..16]);
    }
}
