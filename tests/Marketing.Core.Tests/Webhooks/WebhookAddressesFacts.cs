using System.Net;
using Marketing.Webhooks;

namespace Marketing.Core.Tests.Webhooks;

/// <summary>SSRF: an endpoint may not point inside unless the installation allows private addresses.</summary>
public sealed class WebhookAddressesFacts
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("https://[2002:7f00:1::]/hook")]
    public async Task Check_RefusesThisMachineAndPrivateNetworks(string url)
    {
        Assert.Equal("must not point to this machine or a private network (Marketing:Webhooks:AllowPrivateAddresses)",
            await WebhookAddresses.CheckAsync(url, allowPrivate: false, CancellationToken.None));
        Assert.Null(await WebhookAddresses.CheckAsync(url, allowPrivate: true, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://203.0.113.9/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public async Task Check_RefusesWhatIsNotAnHttpUrl(string url) =>
        Assert.Equal("must be an absolute http or https URL of at most 2000 characters", await WebhookAddresses.CheckAsync(url, allowPrivate: true, CancellationToken.None));

    [Fact]
    public async Task Check_RefusesCredentialsInTheUrl() =>
        Assert.Equal("must not carry credentials or a fragment: the signature authenticates the sender",
            await WebhookAddresses.CheckAsync("https://user:pw@203.0.113.9/hook", allowPrivate: false, CancellationToken.None));

    [Theory]
    [InlineData("https://203.0.113.9/hook")]
    [InlineData("https://[2001:db8::1]/hook")]
    [InlineData("http://8.8.8.8/hook")]
    public async Task Check_AcceptsAPublicAddress(string url) =>
        Assert.Null(await WebhookAddresses.CheckAsync(url, allowPrivate: false, CancellationToken.None));

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("172.31.255.255", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::7f00:1", true)]
    public void IsPrivate_KnowsEachRange(string address, bool expected) =>
        Assert.Equal(expected, WebhookAddresses.IsPrivate(IPAddress.Parse(address)));
}
