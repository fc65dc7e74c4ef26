using Marketing.Access;

namespace Marketing.Core.Tests.Access;

public sealed class ApiKeySecretFacts
{
    [Fact]
    public void Generate_ProducesAKeyThatParsesBackToItsPrefix()
    {
        var key = ApiKeySecret.Generate();

        Assert.True(ApiKeySecret.TryParse(key.Value, out var parsed));
        Assert.Equal(key.Prefix, parsed.Prefix);
        Assert.StartsWith($"mk_{key.Prefix}_", key.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NeverRepeats()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeySecret.Generate().Value).ToHashSet();

        Assert.Equal(200, keys.Count);
    }

    [Fact]
    public void Matches_IsTrueOnlyForTheSameKey()
    {
        var key = ApiKeySecret.Generate();
        var other = new ApiKeySecret(key.Prefix, key.Value[..^1] + (key.Value[^1] == 'a' ? 'b' : 'a'));

        Assert.True(key.Matches(key.Hash()));
        Assert.False(other.Matches(key.Hash()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mk_")]
    [InlineData("mk_short_secret")]
    [InlineData("mk_abcdefghij_")]
    [InlineData("xx_abcdefghij_secret")]
    [InlineData("Bearer mk_abcdefghij_secret")]
    public void TryParse_RejectsMalformedKeys(string? presented)
    {
        Assert.False(ApiKeySecret.TryParse(presented, out _));
    }
}
