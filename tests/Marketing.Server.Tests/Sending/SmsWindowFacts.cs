using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Marketing.Server.Tests.Sending;

/// <summary>The default send windows (R59, R63), read from settings as the engine reads them, evaluated in local time.</summary>
public sealed class SmsWindowFacts
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static SendPolicy Policy(Dictionary<string, string?>? settings = null) =>
        ResolvedSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(), Path.GetTempPath()).SendPolicy;

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [Theory]
    [InlineData("2027-03-02 21:30", "2027-03-03 08:00")] // Tuesday evening → Wednesday morning
    [InlineData("2027-03-03 07:59", "2027-03-03 08:00")] // too early → same day
    [InlineData("2027-03-06 21:30", "2027-03-08 08:00")] // Saturday evening → Monday, not Sunday
    [InlineData("2027-03-07 10:00", "2027-03-08 08:00")] // Sunday → Monday 08:00
    [InlineData("2027-07-14 10:00", "2027-07-15 08:00")] // Bastille Day
    [InlineData("2027-07-13 20:00", "2027-07-15 08:00")] // the evening before it
    [InlineData("2027-03-29 10:00", "2027-03-30 08:00")] // Easter Monday
    [InlineData("2027-05-06 12:00", "2027-05-07 08:00")] // Ascension
    [InlineData("2027-05-17 12:00", "2027-05-18 08:00")] // Whit Monday
    [InlineData("2027-12-25 12:00", "2027-12-27 08:00")] // Christmas on a Saturday, then Sunday
    public void FrenchMarketingSms_DueInAClosedWindow_LeavesAtTheNextAllowedSlot(string due, string expected)
    {
        var at = DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture);
        var next = DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);

        var slot = Policy().NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, at.Year, at.Month, at.Day, at.Hour, at.Minute));

        Assert.Equal(Local(Paris, next.Year, next.Month, next.Day, next.Hour), slot);
    }

    [Theory]
    [InlineData("2027-03-02 10:00")]
    [InlineData("2027-03-06 19:59")]
    [InlineData("2027-03-02 08:00")]
    public void FrenchMarketingSms_InsideTheWindow_LeavesNow(string due)
    {
        var at = DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(Policy().NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, at.Year, at.Month, at.Day, at.Hour, at.Minute)));
    }

    [Fact]
    public void TransactionalAndConfirmationSms_AreNotHeld_NorIsEmail()
    {
        var sunday = Local(Paris, 2027, 3, 7, 23);

        Assert.Null(Policy().NextSlot("fr", "sms", MessageTypes.Transactional, Paris, sunday));
        Assert.Null(Policy().NextSlot("fr", "sms", MessageTypes.DoubleOptIn, Paris, sunday));
        Assert.Null(Policy().NextSlot("fr", "email", MessageTypes.Marketing, Paris, sunday));
    }

    [Fact]
    public void UsMarketingSms_KeepsTcpaQuietHours_InTheRegimesDefaultZone()
    {
        var policy = Policy();
        var zone = policy.ZoneFor(null, "us");

        var slot = policy.NextSlot("us", "sms", MessageTypes.Marketing, zone, Local(NewYork, 2027, 3, 7, 21, 30));

        Assert.Equal(NewYork.Id, zone.Id);
        Assert.Equal(Local(NewYork, 2027, 3, 8, 8), slot);
        Assert.Null(policy.NextSlot("us", "sms", MessageTypes.Marketing, zone, Local(NewYork, 2027, 3, 7, 10)));
    }

    /// <summary>Without a stated zone, the number tells where the person is (R57, R59 overseas; R63's area-code fallback).</summary>
    [Fact]
    public void WithoutAStatedZone_ThePhoneNumberGivesTheLocalTime()
    {
        var policy = Policy();
        var losAngeles = policy.ZonesFor(null, "us", "+12135550123");
        var guadeloupe = policy.ZonesFor(null, "fr", "+590690123456");
        var stated = policy.ZonesFor("Europe/Paris", "fr", "+590690123456");

        Assert.Equal(["America/Los_Angeles"], losAngeles.Select(z => z.Id));
        Assert.Equal(["America/Guadeloupe"], guadeloupe.Select(z => z.Id));
        Assert.Equal(["Europe/Paris"], stated.Select(z => z.Id));
        // 08:30 in New York is 05:30 in Los Angeles: an SMS waits for 08:00 there.
        Assert.Equal(Local(losAngeles[0], 2027, 3, 9, 8), policy.NextSlot("us", "sms", MessageTypes.Marketing, losAngeles, Local(NewYork, 2027, 3, 9, 8, 30)));
        // Monday 08:00 in Paris is 03:00 in Guadeloupe.
        Assert.Equal(Local(guadeloupe[0], 2027, 3, 8, 8), policy.NextSlot("fr", "sms", MessageTypes.Marketing, guadeloupe, Local(Paris, 2027, 3, 8, 8)));
    }

    [Fact]
    public void ANumberSpanningSeveralZones_NeedsTheWindowOpenInAllOfThem()
    {
        var policy = Policy();
        var zones = new[] { NewYork, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles") };

        // 09:00 in New York is 06:00 in Los Angeles: the slot is 08:00 Los Angeles, 11:00 New York.
        Assert.Equal(Local(NewYork, 2027, 3, 9, 11), policy.NextSlot("us", "sms", MessageTypes.Marketing, zones, Local(NewYork, 2027, 3, 9, 9)));
        // 19:00 in Los Angeles is 22:00 in New York: the next slot is 11:00 New York the next day.
        Assert.Equal(Local(NewYork, 2027, 3, 10, 11), policy.NextSlot("us", "sms", MessageTypes.Marketing, zones, Local(NewYork, 2027, 3, 9, 22)));
    }

    [Fact]
    public void RegionalDays_AreAddedBySettings_AndB2bIsHeldLikeItsRegime()
    {
        var alsace = Policy(new() { ["Marketing:Sending:Holidays:fr:Extra:0"] = "easter-2", ["Marketing:Sending:Holidays:fr:Extra:1"] = "12-26" });

        Assert.Equal(Local(Paris, 2027, 3, 27, 8), alsace.NextSlot("fr-b2b", "sms", MessageTypes.Marketing, Paris, Local(Paris, 2027, 3, 26, 10)));
        Assert.Null(Policy().NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, 2027, 3, 26, 10)));
    }

    [Fact]
    public void AWindowChangedByName_KeepsItsOtherDefaults()
    {
        var policy = Policy(new() { ["Marketing:Sending:Windows:fr-sms-marketing:To"] = "19:30" });

        Assert.Equal(Local(Paris, 2027, 3, 3, 8), policy.NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, 2027, 3, 2, 19, 45)));
        Assert.Equal(Local(Paris, 2027, 3, 8, 8), policy.NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, 2027, 3, 7, 10)));
        Assert.Null(Policy(new() { ["Marketing:Sending:Windows:fr-sms-marketing:Enabled"] = "false" })
            .NextSlot("fr", "sms", MessageTypes.Marketing, Paris, Local(Paris, 2027, 3, 7, 10)));
    }

    [Theory]
    [InlineData("Marketing:Sending:Caps:sms", "three a week", "Marketing:Sending:Caps:sms")]
    [InlineData("Marketing:Sending:Windows:fr-sms-marketing:From", "8h", "Marketing:Sending:Windows:fr-sms-marketing")]
    [InlineData("Marketing:Sending:Holidays:fr:Extra:0", "14 juillet", "Marketing:Sending:Holidays:fr:Extra")]
    [InlineData("Marketing:Sending:DefaultTimeZones:fr", "Paris", "Marketing:Sending:DefaultTimeZones:fr")]
    [InlineData("Marketing:Sms:AccountSid", "AC123", "Marketing:Sms:AccountSid")]
    public void BadSendingSettings_StopTheStart_NamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<StartupException>(() => Policy(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmsWithAnAccount_NeedsATokenAndExactlyOneSender()
    {
        var noToken = Assert.Throws<StartupException>(() => Policy(new() { ["Marketing:Sms:AccountSid"] = SmsApp.AccountSid }));
        var noSender = Assert.Throws<StartupException>(() => Policy(new() { ["Marketing:Sms:AccountSid"] = SmsApp.AccountSid, ["Marketing:Sms:AuthToken"] = "x" }));

        Assert.Contains("Marketing:Sms:AuthToken", noToken.Message, StringComparison.Ordinal);
        Assert.Contains("Marketing:Sms:From", noSender.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Caps_Parse()
    {
        Assert.Equal(new FrequencyCap(3, TimeSpan.FromDays(7)), FrequencyCap.Parse("3/7d"));
        Assert.Equal(new FrequencyCap(1, TimeSpan.FromHours(12)), FrequencyCap.Parse("1/12h"));
        Assert.Throws<FormatException>(() => FrequencyCap.Parse("0/7d"));
    }
}
