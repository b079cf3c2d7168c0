using System.Security.Cryptography;
using System.Text;

namespace MedVid.ControlPlane.Identity;

/// <summary>API token format and hashing. Tokens are 256-bit random; only their SHA-256 is stored.</summary>
public static class ApiTokens
{
    public const string Prefix = "mvd_";

    public static string NewToken() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool LooksValid(string token) => token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length == Prefix.Length + 64;
}
