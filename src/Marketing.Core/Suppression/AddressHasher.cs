using System.Security.Cryptography;
using System.Text;
using Marketing.Leads;

namespace Marketing.Suppression;

/// <summary>
/// Keyed hashes of addresses (R34). A plain SHA-256 of an email can be reversed by hashing a list of known
/// addresses; an HMAC with a secret held outside the database cannot, unless the secret leaks too.
/// </summary>
public sealed class AddressHasher
{
    private readonly byte[] _key;

    public AddressHasher(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Hashes an address already normalised (lowercased email, or E.164).</summary>
    public string HashNormalized(string normalized) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized)));

    /// <summary>
    /// Normalises then hashes anything a person or an import may write: "  Ana@Example.COM " and
    /// "ana@example.com" give one hash. A phone number needs a region to be read without a country code.
    /// </summary>
    public bool TryHash(string? address, string defaultRegion, out string hash)
    {
        hash = "";
        if (Identifiers.TryNormalizeEmail(address, out var email))
        {
            hash = HashNormalized(email);
            return true;
        }

        // An E.164 number libphonenumber does not know is still the number STOP came from: it hashes as itself.
        if ((Identifiers.TryNormalizePhone(address, defaultRegion, out var phone) ? phone : Identifiers.PhoneKey(address)) is { } number)
        {
            hash = HashNormalized(number);
            return true;
        }

        return false;
    }
}
