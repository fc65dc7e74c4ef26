using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Marketing.Channels.Email;

/// <summary>
/// MimeKit's DKIM signer with the RSA operation done by the platform (OpenSSL) instead of BouncyCastle's
/// managed code, which is several times slower per signature — the difference between DKIM being free and
/// DKIM being the limit of a bulk send. MimeKit still canonicalises and builds the header; only the final
/// RSASSA-PKCS1-v1_5 / SHA-256 signature is computed here.
/// </summary>
internal sealed class NativeRsaDkimSigner : DkimSigner
{
    private readonly RSA _rsa;

    public NativeRsaDkimSigner(string privateKeyPem, string domain, string selector)
        : base(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(privateKeyPem)), domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        _rsa = RSA.Create();
        _rsa.ImportFromPem(privateKeyPem);
    }

    protected override ISigner CreateSigningContext() => new Signer(_rsa);

    private sealed class Signer(RSA rsa) : ISigner
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA-256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
        }

        public void Update(byte input) => _hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

        public int GetMaxSignatureSize() => rsa.KeySize / 8;

        public byte[] GenerateSignature() => rsa.SignHash(_hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public bool VerifySignature(byte[] signature) =>
            rsa.VerifyHash(_hash.GetHashAndReset(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public void Reset() => _hash.GetHashAndReset();
    }
}
