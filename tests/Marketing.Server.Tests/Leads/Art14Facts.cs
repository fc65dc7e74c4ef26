using System.Text;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Server.Leads;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// People imported from a partner on a test clock (R52): the first mail carries the art. 14 block and informs, the next
/// does not; someone who got no mail gets the dedicated notice once, at day 26, with a warning; someone never told is
/// blocked from marketing at day 31.
/// </summary>
public abstract class Art14Facts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    private const string Block = "How we obtained your details";

    [Fact]
    public async Task FirstMail_CarriesTheBlockAndInforms_TheNoticeGoesOnceAtDay26WithAWarning_AndTheGateBlocksAtDay31()
    {
        var journey = await EmailJourney.StartAsync(app);
        var mailed = EmailJourney.NewAddress("mailed");
        var noticed = EmailJourney.NewAddress("noticed");
        await ImportAsync(journey, mailed, noticed);
        var mailedId = journey.PersonId(mailed);
        var noticedId = journey.PersonId(noticed);

        // Day 0: the first marketing mail has the block and informs in the same write; the second has none.
        var first = await journey.QueueAsync(mailedId);
        await app.DispatchEmailAsync();
        var firstSettled = await journey.SettledAsync(first);
        var firstMail = await app.Smtp.WaitForAsync(mailed);
        var informedAt = Person(mailedId).Art14InformedAt;
        var second = await journey.QueueAsync(mailedId);
        await app.DispatchEmailAsync();
        await journey.SettledAsync(second);
        var secondMail = await app.Smtp.WaitForAsync(mailed, count: 2);

        Assert.Equal("sent", firstSettled.GetProperty("status").GetString());
        Assert.Contains(Block, firstMail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("from Partner Ltd", firstMail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailApp.LegalName}, {System.Net.WebUtility.HtmlEncode(EmailApp.PostalAddress)}", firstMail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(informedAt);
        Assert.DoesNotContain(Block, app.Smtp.To(mailed)[1].Message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(secondMail);
        Assert.Equal(informedAt, Person(mailedId).Art14InformedAt);

        // Day 6: someone else comes in; day 26: the notice goes once to the one who got nothing, with one warning.
        app.Clock.Advance(TimeSpan.FromDays(6));
        var silent = EmailJourney.NewAddress("silent");
        await ImportAsync(journey, silent);
        var silentId = journey.PersonId(silent);
        app.Clock.Advance(TimeSpan.FromDays(20));
        var run = await RunJobAsync();
        var again = await RunJobAsync();
        await app.DispatchEmailAsync();
        var notice = await app.Smtp.WaitForAsync(noticed);

        Assert.Equal(new SendArt14Notices.Report(1, 1), run);
        Assert.Equal(new SendArt14Notices.Report(0, 0), again);
        var records = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == noticedId).ToList());
        var record = Assert.Single(records);
        Assert.Equal(("art14-notice", "transactional", "notice:art14", "sent"), (record.TemplateKey, record.MessageType, record.Reference, record.Status));
        Assert.Contains(Block, notice.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("from Partner Ltd", notice.Message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(Person(noticedId).Art14InformedAt);
        var warnings = app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == SendArt14Notices.WarningAction).ToList());
        var warning = Assert.Single(warnings);
        Assert.Equal((noticedId.ToString(), RecordAudit.PersonObject), (warning.Target, warning.ObjectType));
        Assert.Contains("day 26", warning.Detail, StringComparison.Ordinal);
        Assert.Empty(app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == silentId).ToList()));

        // Day 31 for the silent one, never told (the job did not run meanwhile): marketing is blocked.
        app.Clock.Advance(TimeSpan.FromDays(11));
        var late = await journey.SettledAsync(await journey.QueueAsync(silentId));

        Assert.Equal("blocked", late.GetProperty("status").GetString());
        Assert.Contains("not given the art. 14 information within 30 days (R52)", late.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Null(Person(silentId).Art14InformedAt);
        Assert.Single(app.Smtp.To(noticed));
        Assert.Empty(app.Smtp.To(silent));
    }

    private Person Person(Guid id) => app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == id));

    private async Task ImportAsync(EmailJourney journey, params string[] addresses)
    {
        var meta = new ImportContacts.Meta("Partner Ltd", "C-2026-14", CollectedTo: app.Clock.GetUtcNow().AddDays(-1),
            CollectionUrls: ["https://partner.example/jeu"], ConsentWording: "Yes, Partner Ltd and its partners (Acme SAS) may email me offers.",
            PartnersShown: ["Acme SAS"], Channels: ["email"], Purposes: [journey.Scenario.Newsletter], ProofLocation: "sftp://partner.example/proofs/");
        var csv = "email,country\n" + string.Concat(addresses.Select(a => $"{a},FR\n"));
        await app.InScopeAsync(async db =>
        {
            var hasher = app.Services.GetRequiredService<AddressHasher>();
            var batch = (await ImportContacts.StartAsync(db, app.Clock, meta, "key:crm", CancellationToken.None)).Value;
            var outcome = await ImportContacts.RunAsync(db, hasher, app.Clock, batch.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None);
            Assert.Equal(addresses.Length, outcome.Value.Created);
        });
    }

    private async Task<SendArt14Notices.Report> RunJobAsync()
    {
        using var scope = app.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<SendArt14NoticesJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}

public sealed class Art14Facts_OnSqlite(SqliteNurtureApp app) : Art14Facts<SqliteNurtureApp>(app);

public sealed class Art14Facts_OnPostgres(PostgresNurtureApp app) : Art14Facts<PostgresNurtureApp>(app);
