using Marketing.Nurture;

namespace Marketing.Core.Tests.Nurture;

public sealed class WaitWordingFacts
{
    [Theory]
    [InlineData("2d", null, null, "en", "2 days")]
    [InlineData("2d", null, null, "fr", "2 jours")]
    [InlineData("1d", null, null, "en", "1 day")]
    [InlineData("1d12h", null, null, "en", "1 day and 12 hours")]
    [InlineData("1d12h", null, null, "fr", "1 jour et 12 heures")]
    [InlineData("PT1H30M", null, null, "en", "1 hour and 30 minutes")]
    [InlineData("90m", null, null, "fr", "1 heure et 30 minutes")]
    [InlineData("1d1h1m", null, null, "en", "1 day, 1 hour and 1 minute")]
    [InlineData("36h", null, null, "fr", "1 jour et 12 heures")]
    [InlineData(null, "09:00", null, "en", "at 09:00 in the person's time zone")]
    [InlineData(null, "09:00", null, "fr", "à 09:00 dans le fuseau horaire de la personne")]
    [InlineData(null, "18:30", "fri,mon", "en", "at 18:30 in the person's time zone, on Monday or Friday")]
    [InlineData(null, "18:30", "mon,wed,fri", "fr", "à 18:30 dans le fuseau horaire de la personne, le lundi, le mercredi ou le vendredi")]
    [InlineData(null, "08:00", "sun,sat", "en", "at 08:00 in the person's time zone, on Saturday or Sunday")]
    [InlineData("2 days", null, null, "en", "an unreadable wait \u201c2 days\u201d")]
    [InlineData("2 days", null, null, "fr", "une attente illisible « 2 days »")]
    [InlineData(null, "25:00", null, "en", "an unreadable wait")]
    public void OneWait_InWords(string? duration, string? time, string? days, string language, string expected)
    {
        var step = new SequenceStep("w", StepTypes.Wait, Duration: duration,
            Until: time is null ? null : new WaitUntil(time, days?.Split(',').ToList()));

        Assert.Equal(expected, WaitWording.Describe(step, language));
    }

    [Theory]
    [InlineData("en", "2 days, then at 09:00 in the person's time zone")]
    [InlineData("fr", "2 jours, puis à 09:00 dans le fuseau horaire de la personne")]
    public void WaitsThatFollowEachOther_AreOneSentence(string language, string expected)
    {
        SequenceStep[] waits = [new("a", StepTypes.Wait, Duration: "2d", Next: "b"), new("b", StepTypes.Wait, Until: new WaitUntil("09:00", null))];

        Assert.Equal(expected, WaitWording.Describe(waits, language));
    }
}
