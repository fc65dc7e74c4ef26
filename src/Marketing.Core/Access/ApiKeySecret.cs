using System.Security.Cryptography;
using System.Text;

namespace Marketing.Access;

/// <summary>
/// The key format is <c>mk_{prefix}_{secret}</c>: the prefix finds the row, the hash of the whole key proves it.
/// The <c>mk_</c> marker lets secret scanners recognise a leaked key.
/// </summary>
public readonly record struct ApiKeySecret(string Prefix, string Value)
{
    private const string Marker = "mk_";
    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int PrefixLength = 10;

    public static ApiKeySecret Generate()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new ApiKeySecret(prefix, $"{Marker}{prefix}_{secret}");
    }

    public static bool TryParse(string? presented, out ApiKeySecret key)
    {
        key = default;
        if (presented is null || !presented.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = presented.IndexOf('_', Marker.Length);
        if (separator != Marker.Length + PrefixLength || presented.Length <= separator + 1)
        {
            return false;
        }

        key = new ApiKeySecret(presented[Marker.Length..separator], presented);
        return true;
    }

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Value));

    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
