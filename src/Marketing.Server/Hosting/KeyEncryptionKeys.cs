using System.Security.Cryptography;
using System.Xml.Linq;
using Marketing.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Marketing.Server.Hosting;

/// <summary>
/// The key-encryption key (KEK) of the data-protection key ring (docs/adr): an AES-256 key kept out
/// of the database, from <c>Marketing:DataProtection:Key</c> or <c>:KeyFile</c>, with earlier ones from
/// <c>:PreviousKeys</c> read during a rotation. Each stored key names the KEK that wraps it by a short fingerprint.
/// </summary>
public sealed class KeyEncryptionKeys
{
    public const string Section = "Marketing:DataProtection";
    public const string FileName = "dataprotection.key";
    public const int KeyBytes = 32;

    private static readonly byte[] Context = "marketing-engine:data-protection-key:v1"u8.ToArray();
    private readonly Dictionary<string, byte[]> _byId;

    public KeyEncryptionKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        Current = current;
        CurrentId = IdOf(current);
        _byId = previous.Append(current).ToDictionary(IdOf, k => k);
    }

    public byte[] Current { get; }

    /// <summary>The first 8 bytes of the KEK's SHA-256, in hex: enough to pick the right one, nothing about the key.</summary>
    public string CurrentId { get; }

    /// <summary>
    /// The keys of <paramref name="settings"/>. On SQLite without one, a KEK is made into the data directory (0600);
    /// PostgreSQL deployments must give one, checked with the other settings.
    /// </summary>
    public static KeyEncryptionKeys Load(ResolvedSettings settings)
    {
        var given = settings.Raw.DataProtection;
        string encoded;
        string setting;
        if (!string.IsNullOrWhiteSpace(given.Key))
        {
            (encoded, setting) = (given.Key, $"{Section}:Key");
        }
        else if (!string.IsNullOrWhiteSpace(given.KeyFile))
        {
            setting = $"{Section}:KeyFile";
            try
            {
                encoded = File.ReadAllText(given.KeyFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"invalid setting {setting}: cannot read '{given.KeyFile}': {e.Message}");
            }
        }
        else if (settings.Provider == DatabaseProvider.Sqlite)
        {
            (encoded, setting) = (SecretFiles.ReadOrCreate(Path.Combine(settings.DataDirectory, FileName), KeyBytes), $"{Section}:KeyFile");
        }
        else
        {
            throw new StartupException(RequiredMessage);
        }

        var previous = given.PreviousKeys.Select((k, i) => Decode(k, $"{Section}:PreviousKeys:{i}")).ToList();
        return new KeyEncryptionKeys(Decode(encoded, setting), previous);
    }

    public const string RequiredMessage =
        $"invalid setting {Section}:KeyFile: is required on PostgreSQL (or {Section}:Key): a file holding 32 random bytes in base64, " +
        "kept out of the database, e.g. made with 'openssl rand -base64 32' (it encrypts the keys of unsubscribe and click links)";

    /// <summary>A base64 key of 32 bytes, or null when <paramref name="encoded"/> is not one.</summary>
    public static byte[]? TryDecode(string? encoded)
    {
        try
        {
            return encoded is null ? null : Convert.FromBase64String(encoded.Trim()) is { Length: KeyBytes } key ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Decode(string encoded, string setting) =>
        TryDecode(encoded) ?? throw new StartupException($"invalid setting {setting}: must be {KeyBytes} random bytes in base64 (e.g. 'openssl rand -base64 32')");

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));

    public bool IsCurrent(XElement wrapped) => (string?)wrapped.Attribute("kek") == CurrentId;

    /// <summary>AES-256-GCM with a fresh nonce: the element's text, sealed, named by the KEK's fingerprint.</summary>
    public XElement Wrap(XElement plaintext)
    {
        var clear = System.Text.Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var sealedBytes = new byte[clear.Length];
        using (var aes = new AesGcm(Current, tag.Length))
        {
            aes.Encrypt(nonce, clear, sealedBytes, tag, Context);
        }

        return new XElement(WrappedName, new XAttribute("kek", CurrentId), new XAttribute("alg", "AES-256-GCM"),
            Convert.ToBase64String([.. nonce, .. tag, .. sealedBytes]));
    }

    public XElement Unwrap(XElement wrapped)
    {
        var id = (string?)wrapped.Attribute("kek") ?? "";
        if (wrapped.Name != WrappedName || !_byId.TryGetValue(id, out var key))
        {
            throw new CryptographicException($"the data-protection key is wrapped by key-encryption key '{id}', which is not configured ({Section}:PreviousKeys?)");
        }

        var bytes = Convert.FromBase64String(wrapped.Value);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var clear = new byte[bytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key, tagSize))
        {
            aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize + tagSize), bytes.AsSpan(nonceSize, tagSize), clear, Context);
        }

        return XElement.Parse(System.Text.Encoding.UTF8.GetString(clear));
    }

    public static readonly XName WrappedName = XName.Get("wrappedKey", "urn:marketing-engine:kek");
}

/// <summary>Wraps each new data-protection key with the current KEK before it is stored.</summary>
public sealed class KeyEncryptionXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(keys.Wrap(plaintextElement), typeof(KeyEncryptionXmlDecryptor));
}

/// <summary>
/// Made by data protection from the type name stored with each key, given the host's services: a process without the
/// KEK (a copy of the database elsewhere) has nothing to unwrap with.
/// </summary>
public sealed class KeyEncryptionXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        (services.GetService(typeof(KeyEncryptionKeys)) as KeyEncryptionKeys
            ?? throw new CryptographicException("no key-encryption key is configured in this process")).Unwrap(encryptedElement);
}
