using Marketing.Sites;

namespace Marketing.Core.Tests.Sites;

public sealed class SiteRulesFacts
{
    [Theory]
    [InlineData("https://www.example.com", "https://www.example.com")]
    [InlineData("https://WWW.Example.com/", "https://www.example.com")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://example.com:443", "https://example.com")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void TryNormalizeOrigin_ReturnsWhatABrowserSends(string input, string expected)
    {
        Assert.True(SiteRules.TryNormalizeOrigin(input, out var origin, out _));
        Assert.Equal(expected, origin);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/shop")]
    [InlineData("https://example.com/?q=1")]
    [InlineData("https://user:pw@example.com")]
    [InlineData("")]
    public void TryNormalizeOrigin_RefusesWhatCouldNeverMatch(string input)
    {
        Assert.False(SiteRules.TryNormalizeOrigin(input, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("acme-shop-2", true)]
    [InlineData("Acme", false)]
    [InlineData("-acme", false)]
    [InlineData("acme shop", false)]
    [InlineData("", false)]
    public void IsValidId_AcceptsLowercaseSlugsOnly(string id, bool valid)
    {
        Assert.Equal(valid, SiteRules.IsValidId(id));
    }
}
