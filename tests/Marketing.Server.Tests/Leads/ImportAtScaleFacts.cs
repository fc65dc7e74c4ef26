using System.Net.Http.Json;
using System.Text;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// The issue's own check (issue 18, "How I will check it"): 100,000 rows with duplicates, bad lines, an unsubscribed address
/// written in another case and an erased person's address. The report counts each, nobody suppressed comes back, and the
/// first mail of an imported person carries the art. 14 block.
/// </summary>
public abstract class ImportAtScaleFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    [Fact]
    public async Task HundredThousandRows_AreCountedEach_NoSuppressedAddressIsRevived_AndTheFirstMailCarriesTheArt14Block()
    {
        var journey = await EmailJourney.StartAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var unsubscribed = $"gone.{tag}@example.com";
        var erasedAddress = EmailJourney.NewAddress("erased");
        var erasedId = await journey.SubscribedAsync(erasedAddress);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        (await compliance.PostAsJsonAsync($"/api/admin/people/{erasedId}/erasure", new { ground = "objection" })).EnsureSuccessStatusCode();
        await app.InScopeAsync(async db =>
        {
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = app.Services.GetRequiredService<AddressHasher>().HashNormalized(unsubscribed),
                Channel = SuppressionEntry.AnyChannel, Scope = SuppressionEntry.AnyPurpose, Reason = SuppressionReasons.Unsubscribe, Source = "test", CreatedAt = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });

        // 99,900 new addresses, 50 repeated, 48 bad lines, the unsubscribed address in capitals and the erased person's: 100,000 rows.
        var csv = new StringBuilder("email,country\n");
        for (var i = 0; i < 99_900; i++)
        {
            csv.Append('p').Append(i).Append('.').Append(tag).Append("@example.com,FR\n");
            if (i % 2_000 == 1_000)
            {
                csv.Append('p').Append(i - 1).Append('.').Append(tag).Append("@example.com,FR\n");
            }

            if (i % 2_000 == 1_500 && i < 96_000)
            {
                csv.Append("not-an-address-").Append(i).Append(",FR\n");
            }
        }

        csv.Append(unsubscribed.ToUpperInvariant()).Append(",FR\n").Append(erasedAddress).Append(",FR\n");
        var meta = new ImportContacts.Meta("Partner Ltd", "C-2026-18", CollectedTo: app.Clock.GetUtcNow().AddDays(-1),
            CollectionUrls: ["https://partner.example/jeu"], ConsentWording: "Yes, Partner Ltd and its partners (Acme SAS) may email me offers.",
            PartnersShown: ["Acme SAS"], Channels: ["email"], Purposes: [journey.Scenario.Newsletter], ProofLocation: "sftp://partner.example/proofs/");

        var batch = await app.InScopeAsync(async db =>
        {
            var started = (await ImportContacts.StartAsync(db, app.Clock, meta, "key:crm", CancellationToken.None)).Value;
            return (await ImportContacts.RunAsync(db, app.Services.GetRequiredService<AddressHasher>(), app.Clock, started.Id,
                new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), null, CancellationToken.None)).Value;
        });
        var first = journey.PersonId($"p7.{tag}@example.com");
        var queued = await journey.QueueAsync(first);
        await app.DispatchEmailAsync();
        var settled = await journey.SettledAsync(queued);
        var mail = await app.Smtp.WaitForAsync($"p7.{tag}@example.com");

        Assert.Equal((ImportStatuses.Completed, 100_000L, 99_900L, 50L, 2L, 48L), (batch.Status, batch.RowsRead, batch.Created, batch.Merged, batch.Suppressed, batch.Refused));
        Assert.Equal(48, batch.RefusedLines.Count);
        Assert.All(batch.RefusedLines, l => Assert.Equal("email", l.Field));
        Assert.Equal(99_900, app.InScope(db => db.People.Count(p => p.Source == $"import:{batch.Id}")));
        Assert.Equal(0, app.InScope(db => db.People.Count(p => p.Email == unsubscribed || p.Email == erasedAddress)));
        Assert.Equal("sent", settled.GetProperty("status").GetString());
        Assert.Contains("How we obtained your details", mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("from Partner Ltd", mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == first)).Art14InformedAt);
    }
}

public sealed class ImportAtScaleFacts_OnSqlite(SqliteNurtureApp app) : ImportAtScaleFacts<SqliteNurtureApp>(app);

public sealed class ImportAtScaleFacts_OnPostgres(PostgresNurtureApp app) : ImportAtScaleFacts<PostgresNurtureApp>(app);
