using Marketing.Leads;

namespace Marketing.Core.Tests.Leads;

public sealed class IdentifiersFacts
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("иван@пример.рф", "иван@xn--e1afmkfd.xn--p1ai")]
    [InlineData("ivan.петров@mail.example", "ivan.петров@mail.example")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή", "δοκιμή@xn--hxajbheg2az3al.xn--jxalpdlp")]
    [InlineData("山田@東京とうきょう.jp", "山田@xn--p8jau0izgx56pgixb.jp")]
    [InlineData("김@서울特別市.kr", "김@xn--gcr020a9qqxg8ef4f.kr")]
    [InlineData("user-1_x@a-b.example", "user-1_x@a-b.example")]
    public void TryNormalizeEmail_AcceptsSingleScriptLabels(string input, string expected)
    {
        Assert.True(Identifiers.TryNormalizeEmail(input, out var email));
        Assert.Equal(expected, email);
        Assert.Null(Identifiers.MixedScriptLabel(input));
    }

    [Theory]
    [InlineData("p\u0430ypal@example.com", "p\u0430ypal")]
    [InlineData("jane@ex\u03B1mple.com", "ex\u03B1mple")]
    [InlineData("jane@xn--pypal-4ve.com", "p\u0430ypal")]
    [InlineData("\u0430pple.support@example.com", "\u0430pple")]
    [InlineData("jane@\u0440\u0430ypal.com", "\u0440\u0430ypal")]
    [InlineData("ひらがなhangul한@example.com", "ひらがなhangul한")]
    [InlineData("漢字한글かな@example.com", "漢字한글かな")]
    public void TryNormalizeEmail_RefusesALabelMixingScripts(string input, string label)
    {
        Assert.False(Identifiers.TryNormalizeEmail(input, out _));
        Assert.Equal(label, Identifiers.MixedScriptLabel(input));
    }

    [Theory]
    [InlineData("paypal", false)]
    [InlineData("p\u0430ypal", true)]
    [InlineData("東京", false)]
    [InlineData("とうきょう", false)]
    [InlineData("東京とうきょうトウキョウー", false)]
    [InlineData("서울特別市", false)]
    [InlineData("ㄅㄆ中文", false)]
    [InlineData("ㄅ한", true)]
    [InlineData("カ한", true)]
    [InlineData("tokyo東京", true)]
    [InlineData("jose\u0301-2026", false)]
    [InlineData("\u0645\u062D\u0645\u062F", false)]
    [InlineData("\u0645a", true)]
    public void IsMixed_FollowsUts39(string label, bool mixed) => Assert.Equal(mixed, ScriptMixing.IsMixed(label));
}
