using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>The send list's filter (the sends page and <c>GET /api/admin/sends</c>): each bad field named, nothing read then.</summary>
public sealed class FindSendsFacts
{
    [Theory]
    [InlineData(null, null, null, 1, "")]
    [InlineData("blocked", "marketing", "quiet hours", 1, "")]
    [InlineData("handing_over", "doi", null, 400, "")]
    [InlineData("lost", null, null, 1, "status")]
    [InlineData("Blocked", null, null, 1, "status")]
    [InlineData(null, "newsletter", null, 1, "messageType")]
    [InlineData(null, null, null, 0, "page")]
    [InlineData(null, null, null, 401, "page")]
    [InlineData("lost", "newsletter", null, -1, "status messageType page")]
    public void Check_NamesEachBadField(string? status, string? type, string? reason, int page, string expected)
    {
        var problems = FindSends.Check(new FindSends.Filter(null, status, type, reason), page);

        Assert.Equal(expected, string.Join(' ', problems.Keys));
    }

    [Fact]
    public void Check_RefusesAReasonLongerThanAnyStoredOne()
    {
        Assert.Empty(FindSends.Check(new FindSends.Filter(Reason: new string('a', 200))));
        Assert.Equal(["reason"], FindSends.Check(new FindSends.Filter(Reason: new string('a', 201))).Keys);
    }
}
