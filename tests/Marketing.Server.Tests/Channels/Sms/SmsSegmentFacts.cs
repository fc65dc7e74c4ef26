using Marketing.Channels.Sms;

namespace Marketing.Server.Tests.Channels.Sms;

/// <summary>Encoding and segment counts (GSM 03.38, 3GPP TS 23.038), as the preview shows them.</summary>
public sealed class SmsSegmentFacts
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_Is160InOnePart_153PerPartOnceSplit(int length, int segments)
    {
        var counted = SmsSegments.Count(new string('a', length));

        Assert.Equal((SmsEncoding.Gsm7, length, segments), (counted.Encoding, counted.Units, counted.Segments));
    }

    [Fact]
    public void ExtensionCharacters_CountDouble_AndAreNeverCutInTwo()
    {
        Assert.Equal((SmsEncoding.Gsm7, 160, 1), Tuple(SmsSegments.Count(new string('€', 80))));
        Assert.Equal((SmsEncoding.Gsm7, 162, 2), Tuple(SmsSegments.Count(new string('€', 81))));
        // 152 plain septets then '[': 154 septets would straddle the first part's 153, so '[' opens the second.
        Assert.Equal(2, SmsSegments.Count(new string('a', 152) + "[" + new string('a', 10)).Segments);
        Assert.Equal((SmsEncoding.Gsm7, 31, 1), Tuple(SmsSegments.Count("Prix : 10€ {promo} ~ [ok]")));
    }

    [Fact]
    public void AccentsOfTheGsmTable_StayGsm7_OthersForceUcs2()
    {
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Count("Répondez OUI à ce message, Ça va é è ù ì ò").Encoding);
        Assert.Equal((SmsEncoding.Ucs2, 70, 1), Tuple(SmsSegments.Count(new string('ê', 70))));
        Assert.Equal((SmsEncoding.Ucs2, 71, 2), Tuple(SmsSegments.Count(new string('ê', 71))));
        Assert.Equal((SmsEncoding.Ucs2, 134, 2), Tuple(SmsSegments.Count(new string('ç', 134))));
        Assert.Equal((SmsEncoding.Ucs2, 135, 3), Tuple(SmsSegments.Count(new string('ç', 135))));
        Assert.Equal((SmsEncoding.Ucs2, 4, 1), Tuple(SmsSegments.Count("🙂🙂")));
    }

    private static (string, int, int) Tuple(SmsEncoding e) => (e.Encoding, e.Units, e.Segments);
}
