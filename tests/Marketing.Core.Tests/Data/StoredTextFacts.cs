using Marketing.Data;

namespace Marketing.Core.Tests.Data;

public sealed class StoredTextFacts
{
    [Theory]
    [InlineData("Jane", -1)]
    [InlineData("line one\r\nline two\tindented", -1)]
    [InlineData("Zoë 😀 中文", -1)]
    [InlineData("a\0b", 1)]
    [InlineData("\u0001", 0)]
    [InlineData("esc\u001b[31m", 3)]
    public void FirstRefused_FindsTheFirstControlCharacter(string text, int expected) =>
        Assert.Equal(expected, StoredText.FirstRefused(text));

    // Built here: a lone surrogate does not survive a test case's serialisation.
    [Fact]
    public void FirstRefused_FindsALoneSurrogate_ButNotAPair()
    {
        Assert.Equal(1, StoredText.FirstRefused("x" + (char)0xD800));
        Assert.Equal(0, StoredText.FirstRefused((char)0xDC00 + "y"));
        Assert.Equal(-1, StoredText.FirstRefused("a" + (char)0xD83D + (char)0xDE00));
    }

    [Theory]
    [InlineData("{\"a\":\"x\\u0000y\"}", true)]
    [InlineData("{\"a\":\"\\u001F\"}", true)]
    [InlineData("{\"a\":\"\\u000A\"}", false)]
    [InlineData("{\"a\":\"\\\\u0000\"}", false)]
    [InlineData("{\"a\":\"\\\\\\u0000\"}", true)]
    [InlineData("{\"a\":\"\\u00e9\"}", false)]
    public void HasEscapedControl_ReadsJsonEscapes_NotEscapedBackslashes(string json, bool expected) =>
        Assert.Equal(expected, StoredText.HasEscapedControl(json));
}
