using Marketing.Webhooks;

namespace Marketing.Core.Tests.Webhooks;

/// <summary>The Standard Webhooks signature; the expected value was computed outside the engine (Python's hmac module).</summary>
public sealed class WebhookSignatureFacts
{
    private const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    [Fact]
    public void Sign_IsHmacSha256OfIdTimestampAndBody_KeyedWithTheSecretsBytes() =>
        Assert.Equal("v1,Q8sjwxxXrwFr+didAa/hsTANEJ35dsNKvnfAlJlIwn0=",
            WebhookSignature.Sign(Secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1674087231, """{"type":"consent.withdrawn"}"""));

    [Fact]
    public void NewSecret_IsWhsecAndThirtyTwoRandomBytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }
}
