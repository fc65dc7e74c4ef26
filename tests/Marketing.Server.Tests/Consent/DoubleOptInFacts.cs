using System.Net;
using Marketing.Consent;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Consent;


/// <summary>The double-opt-in link (R20) against time and against the person's later word, through the confirmation page.</summary>
public abstract class DoubleOptInFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    /// <summary>Tuesday 2 March 2027, 09:00 UTC: the moment the confirmation email leaves.</summary>
    private static readonly DateTimeOffset SentAt = new(2027, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The link works for seven days (the default of Marketing:Email:ConfirmationLinkDays), to the second.</summary>
    [Theory]
    [InlineData(0, true)]
    [InlineData(7 * 24 * 60 * 60 - 1, true)]
    [InlineData(7 * 24 * 60 * 60, true)]
    [InlineData(7 * 24 * 60 * 60 + 1, false)]
    [InlineData(30 * 24 * 60 * 60, false)]
    public async Task ConfirmationLink_WorksForSevenDays_ThenConfirmsNothing(int secondsAfterSending, bool confirms)
    {
        var (journey, _, path, personId) = await SignedUpAsync("expiry");

        app.Clock.Now = SentAt.AddSeconds(secondsAfterSending);
        var answer = await journey.ConfirmAsync(path);

        var request = app.InScope(db => db.DoubleOptInRequests.AsNoTracking().Single(r => r.PersonId == personId));
        Assert.Equal(new DateTimeOffset(2027, 3, 9, 9, 0, 0, TimeSpan.Zero), request.ExpiresAt);
        Assert.Equal(confirms ? HttpStatusCode.OK : HttpStatusCode.Gone, answer.StatusCode);
        Assert.Equal(confirms ? DoubleOptInStatuses.Confirmed : DoubleOptInStatuses.Pending, request.Status);
        Assert.Equal(confirms ? [ConsentStatuses.PendingConfirmation, ConsentStatuses.Confirmed] : [ConsentStatuses.PendingConfirmation], Statuses(personId));
        Assert.Equal(confirms ? ConsentStatuses.Confirmed : ConsentStatuses.PendingConfirmation, State(personId));
    }

    /// <summary>A withdrawal after the sign-up is the person's later word: following the old link afterwards confirms nothing (R16, R20).</summary>
    [Fact]
    public async Task WithdrawalAfterSignUp_BeatsTheOldConfirmationLink()
    {
        var (journey, email, path, personId) = await SignedUpAsync("changed-mind");
        app.Clock.Now = SentAt.AddHours(1);
        // What the preference centre does when the person leaves all email.
        await app.InScopeAsync(db => Withdraw.HandleAsync(db, app.Clock, personId, app.Services.GetRequiredService<AddressHasher>().HashNormalized(email),
            ChannelKeys.Email, null, new ConsentAction(app.Clock.GetUtcNow(), ConsentMethods.PreferenceCentre, "198.51.100.9", "Prefs/1.0", null),
            "preferences", CancellationToken.None));

        app.Clock.Now = SentAt.AddHours(2);
        await journey.ConfirmAsync(path);

        Assert.Equal([ConsentStatuses.PendingConfirmation, ConsentStatuses.Withdrawn], Statuses(personId));
        Assert.Equal(ConsentStatuses.Withdrawn, State(personId));
        Assert.Equal(1, app.InScope(db => db.Suppressions.Count(s => s.AddressHash == app.Services.GetRequiredService<AddressHasher>().HashNormalized(email)
            && s.Reason == SuppressionReasons.Unsubscribe)));
    }

    /// <summary>A sign-up to the newsletter whose confirmation email leaves at <see cref="SentAt"/>, and that email's link.</summary>
    private async Task<(EmailJourney Journey, string Email, string Path, Guid PersonId)> SignedUpAsync(string tag)
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress(tag);
        app.Clock.Now = SentAt;
        await journey.SignUpAsync(email);
        var path = EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email));
        return (journey, email, path, journey.PersonId(email));
    }

    private List<string> Statuses(Guid personId) =>
        app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).Select(e => e.Status).ToList());

    private string State(Guid personId) => app.InScope(db => db.ConsentStates.AsNoTracking().Single(s => s.PersonId == personId).Status);
}

public sealed class DoubleOptInFacts_OnSqlite(SqliteNurtureApp app) : DoubleOptInFacts<SqliteNurtureApp>(app);

public sealed class DoubleOptInFacts_OnPostgres(PostgresNurtureApp app) : DoubleOptInFacts<PostgresNurtureApp>(app);
