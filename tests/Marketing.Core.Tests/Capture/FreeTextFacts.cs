using Marketing.Capture;

namespace Marketing.Core.Tests.Capture;

public sealed class FreeTextFacts
{
    [Theory]
    [InlineData("Jane", false, null)]
    [InlineData("Zoë O'Brien-Ĺ", false, null)]
    [InlineData("山田 太郎 👩‍💻", false, null)]
    [InlineData("Jane\u0000", false, "holds a control character (U+0000)")]
    [InlineData("Jane\u0007", false, "holds a control character (U+0007)")]
    [InlineData("Jane\u0085", false, "holds a control character (U+0085)")]
    [InlineData("Jane\u007F", false, "holds a control character (U+007F)")]
    [InlineData("Jane\r\nBcc: x", false, "must be on one line")]
    [InlineData("Jane\u2028", false, "must be on one line")]
    [InlineData("line one\r\nline two\tend", true, null)]
    [InlineData("line\u0000", true, "holds a control character (U+0000)")]
    [InlineData("abc\u202Eevil", false, "holds a text-direction control (U+202E)")]
    [InlineData("abc\u2066x", true, "holds a text-direction control (U+2066)")]
    public void Problem_NamesWhatMayNotBeStored(string value, bool multiline, string? problem) =>
        Assert.Equal(problem, FreeText.Problem(value, multiline));

    [Theory]
    [InlineData(0xD800, " pair")]
    [InlineData(0xDC00, "")]
    [InlineData(0xDBFF, "x")]
    public void Problem_RefusesALoneSurrogate(int half, string after) =>
        // Built here: a test runner cannot carry a lone surrogate in an attribute.
        Assert.Equal("holds a broken character (half of a surrogate pair)", FreeText.Problem($"half {(char)half}{after}"));

    [Theory]
    [InlineData("abcdef", 4, "abcd")]
    [InlineData("abc", 4, "abc")]
    [InlineData("ab\uD83D\uDE00", 3, "ab")]
    [InlineData("ab\uD83D\uDE00", 4, "ab\uD83D\uDE00")]
    public void Cut_NeverSplitsASurrogatePair(string value, int length, string expected) => Assert.Equal(expected, FreeText.Cut(value, length));
}
