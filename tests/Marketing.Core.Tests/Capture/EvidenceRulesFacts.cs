using Marketing.Capture;

namespace Marketing.Core.Tests.Capture;

public sealed class EvidenceRulesFacts
{
    [Theory]
    [InlineData("https://www.acme.example/signup?utm_source=x", "https://www.acme.example/signup?utm_source=x", null)]
    [InlineData("  http://acme.example/  ", "http://acme.example/", null)]
    [InlineData("", null, null)]
    [InlineData("javascript:alert(1)", null, "pageUrl: not an absolute http(s) URL; not kept")]
    [InlineData("data:text/html,<script>", null, "pageUrl: not an absolute http(s) URL; not kept")]
    [InlineData("/relative/page", null, "pageUrl: not an absolute http(s) URL; not kept")]
    [InlineData("ftp://acme.example/file", null, "pageUrl: not an absolute http(s) URL; not kept")]
    [InlineData("https://acme.example/\r\nSet-Cookie: a=b", null, "pageUrl: must be on one line; not kept")]
    [InlineData("https://acme.example/\u0000", null, "pageUrl: holds a control character (U+0000); not kept")]
    public void Url_KeepsAbsoluteHttpUrlsOnly(string raw, string? kept, string? note)
    {
        var result = EvidenceRules.Url("pageUrl", raw);
        Assert.Equal(kept, result.Value);
        Assert.Equal(note, result.Note);
    }

    [Fact]
    public void Url_OverTheLimit_IsCut_AndSaysSo()
    {
        var raw = "https://search.example/?q=" + new string('x', 3000);

        var result = EvidenceRules.Url("referrer", raw);

        Assert.Equal(raw[..2000], result.Value);
        Assert.Equal("referrer: cut to 2000 of its 3026 characters", result.Note);
    }

    [Theory]
    [InlineData("https://www.acme.example/signup?x=1", true)]
    [InlineData("https://WWW.ACME.EXAMPLE/signup", true)]
    [InlineData("https://www.acme.example:8443/signup", false)]
    [InlineData("http://www.acme.example/signup", false)]
    [InlineData("https://evil.example/phish", false)]
    [InlineData("https://www.acme.example.evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    public void AllowedPage_IsOnlyOnAnAllowedOrigin(string url, bool allowed) =>
        Assert.Equal(allowed, EvidenceRules.AllowedPage(url, ["https://www.acme.example"]) is not null);
}
