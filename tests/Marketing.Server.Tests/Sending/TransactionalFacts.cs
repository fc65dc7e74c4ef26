using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Compliance;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Sending;

/// <summary>
/// Transactional mail leaves without marketing consent, so it must be what it says (R60): about an
/// order, a request or an account event of the person, from a template only an admin writes, audited, and shown apart.
/// </summary>
public abstract class TransactionalFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    private const string Sale = "Big SALE -50%";
    private const string SaleHtml = "<p>Big SALE -50% on everything, this weekend only!</p>";

    /// <summary>The issue's scenario: a marketer key tries every message type to get a promotion to a stranger and to a person who unsubscribed.</summary>
    [Fact]
    public async Task MarketerKey_CannotGetAPromotionToAPersonWithoutABasis_ByAnyMessageType()
    {
        var journey = await EmailJourney.StartAsync(app);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var marketer = journey.Marketer;
        var stranger = await PersonAsync("stranger");
        var unsubscribedAddress = EmailJourney.NewAddress("unsubscribed");
        var unsubscribed = await journey.SubscribedAsync(unsubscribedAddress);
        (await admin.PostAsJsonAsync("/api/admin/suppressions", new { address = unsubscribedAddress, reason = "unsubscribe" })).EnsureSuccessStatusCode();
        var orderTemplate = await AdminTemplateAsync(admin);
        var saleKey = $"sale-{Guid.NewGuid():N}"[..20];
        var templatesBefore = app.InScope(db => db.MessageTemplates.AsNoTracking().ToList().Select(t => $"{t.Key}/{t.Locale}/{t.MessageType}/{t.Subject}").Order().ToList());

        var attempts = new Dictionary<string, HttpResponseMessage>
        {
            ["transactional template"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{saleKey}/en", new { messageType = "transactional", subject = Sale, html = SaleHtml }),
            ["confirmation template"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{saleKey}/en", new { messageType = "doi", subject = Sale, html = SaleHtml }),
            ["transactional SMS template"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{saleKey}/fr", new { channel = "sms", messageType = "transactional", body = Sale }),
            ["the admin's transactional template"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{orderTemplate}/en", new { messageType = "transactional", subject = Sale, html = SaleHtml }),
            ["the admin's template, re-typed"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{orderTemplate}/en", new { messageType = "marketing", subject = Sale, html = SaleHtml }),
            ["the admin's template, another locale"] = await marketer.PutAsJsonAsync($"/api/admin/templates/{orderTemplate}/fr", new { messageType = "marketing", subject = Sale, html = SaleHtml }),
            ["the shipped confirmation"] = await marketer.PutAsJsonAsync("/api/admin/templates/doi-confirmation/en", new { messageType = "marketing", subject = Sale, html = SaleHtml }),
            ["the layout"] = await marketer.PutAsJsonAsync("/api/admin/templates/layout/en", new { html = "<main>{{ content }}</main><p>Big SALE -50%</p>" }),
        };
        var marketingSale = await marketer.PutAsJsonAsync($"/api/admin/templates/{saleKey}/en", new { messageType = "marketing", subject = Sale, html = SaleHtml });
        var retyped = await marketer.PutAsJsonAsync($"/api/admin/templates/{saleKey}/en", new { messageType = "transactional", subject = Sale, html = SaleHtml });

        var sends = new List<HttpResponseMessage>();
        foreach (var person in new[] { stranger, unsubscribed })
        {
            sends.Add(await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, purpose = journey.Scenario.Newsletter, template = saleKey }));
            sends.Add(await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, messageType = "transactional", template = saleKey, reference = "request:1" }));
            sends.Add(await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, messageType = "transactional", template = orderTemplate }));
            sends.Add(await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, messageType = "doi", template = "doi-confirmation" }));
        }

        foreach (var queued in sends.Where(s => s.StatusCode == HttpStatusCode.Accepted))
        {
            Assert.Equal("blocked", (await journey.SettledAsync(await queued.Content.ReadFromJsonAsync<JsonElement>())).GetProperty("status").GetString());
        }

        Assert.All(attempts, a => Assert.True(a.Value.StatusCode == HttpStatusCode.Forbidden, $"{a.Key}: {(int)a.Value.StatusCode}"));
        Assert.Equal(HttpStatusCode.OK, marketingSale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retyped.StatusCode);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], sends.Take(4).Select(s => s.StatusCode));
        Assert.True((await sends[2].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reference", out _));
        var templatesAfter = app.InScope(db => db.MessageTemplates.AsNoTracking().ToList().Where(t => t.Key != saleKey).Select(t => $"{t.Key}/{t.Locale}/{t.MessageType}/{t.Subject}").Order().ToList());
        Assert.Equal(templatesBefore.Where(t => !t.StartsWith(saleKey, StringComparison.Ordinal)), templatesAfter);
        Assert.DoesNotContain(app.Smtp.Messages, m => (m.Message.Subject ?? "").Contains(Sale, StringComparison.Ordinal)
            || (m.Message.HtmlBody ?? "").Contains(Sale, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("order")]
    [InlineData("promotion:spring")]
    [InlineData("order:")]
    [InlineData("request: padded")]
    [InlineData("request:a\u0001b")]
    [InlineData("order:not-an-order-of-theirs")]
    [InlineData("notice:art14")]
    public async Task TransactionalSend_WithoutAValidReference_Is400NamingReference_AndStoresNothing(string? reference)
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var template = await AdminTemplateAsync(admin);
        var person = await PersonAsync("noref");
        var before = Counts();

        var response = await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, messageType = "transactional", template, reference });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reference", out _));
        Assert.Equal(before, Counts());
    }

    [Fact]
    public async Task TransactionalSend_AboutTheirOrder_Leaves_IsAudited_ListedApart_AndInTheProof()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var template = await AdminTemplateAsync(admin);
        var (person, email) = await PersonWithAddressAsync("customer");
        var order = $"A-{Random.Shared.Next(100000, 999999)}";
        (await admin.PostAsJsonAsync($"/api/admin/people/{person}/purchases", new { reference = order, category = "shoes", orderedAt = DateTimeOffset.UtcNow.AddDays(-1), optOutOffered = false }))
            .EnsureSuccessStatusCode();

        var queued = await marketer.PostAsJsonAsync("/api/admin/sends", new { personId = person, messageType = "transactional", template, reference = $"order:{order}" });
        var view = await queued.Content.ReadFromJsonAsync<JsonElement>();
        var settled = await Eventually.ReturnsAsync(async () => await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends/{view.GetProperty("id").GetString()}"),
            r => r.GetProperty("status").GetString() is not ("queued" or "sending" or "handing_over"), TimeSpan.FromSeconds(30));
        var message = await app.Smtp.WaitForAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("sent", settled.GetProperty("status").GetString());
        Assert.Equal($"order:{order}", settled.GetProperty("reference").GetString());
        Assert.Equal("transactional_reference", settled.GetProperty("evidenceKind").GetString());
        Assert.Equal($"order:{order}", settled.GetProperty("evidenceId").GetString());
        Assert.Null(message.Message.Headers[MimeKit.HeaderId.ListUnsubscribe]);
        var id = view.GetProperty("id").GetString();
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "send.transactional_queued" && a.Target == id).ToList()));
        Assert.Equal("key:test-Marketer", audit.Actor);
        Assert.Contains($"reference=order:{order}", audit.Detail, StringComparison.Ordinal);
        var transactional = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends?personId={person}&messageType=transactional");
        var marketing = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends?personId={person}&messageType=marketing");
        Assert.Equal($"order:{order}", Assert.Single(transactional.EnumerateArray()).GetProperty("reference").GetString());
        Assert.Empty(marketing.EnumerateArray());
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var proof = await Exports.DownloadAsync(compliance, $"/api/admin/people/{person}/consent-proof?format=csv");
        var send = Assert.Single(Exports.ReadCsv(proof.Files["sends.csv"]));
        Assert.Equal(("transactional", $"order:{order}", "transactional_reference", "allowed"), (send["MessageType"], send["Reference"], send["EvidenceKind"], send["Decision"]));
    }

    /// <summary>Defence in depth: a record that reached the queue by any other way still meets the gate at sending.</summary>
    [Fact]
    public async Task Gate_BlocksATransactionalRecordWithoutAReferenceOfThePerson_WhoeverQueuedIt()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var template = await AdminTemplateAsync(admin);
        var (person, email) = await PersonWithAddressAsync("direct");
        var (other, _) = await PersonWithAddressAsync("other");
        (await admin.PostAsJsonAsync($"/api/admin/people/{other}/purchases", new { reference = "B-1", category = "shoes", orderedAt = DateTimeOffset.UtcNow.AddDays(-1), optOutOffered = false }))
            .EnsureSuccessStatusCode();
        var records = new Dictionary<string, Guid>();
        await app.InScopeAsync(async db =>
        {
            foreach (var reference in new[] { "", "none", "sale:50", "order:B-1", "notice:art14", "account:password-reset-7" })
            {
                var record = new SendRecord
                {
                    Id = Guid.CreateVersion7(), Key = $"direct:{Guid.NewGuid():N}", PersonId = person, Channel = "email", MessageType = MessageTypes.Transactional,
                    TemplateKey = template, Reference = reference == "none" ? null : reference, Status = SendStatuses.Queued,
                    CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow,
                };
                db.SendRecords.Add(record);
                records[reference] = record.Id;
            }

            await db.SaveChangesAsync();
        });

        await Eventually.ReturnsAsync(async () => { await app.DispatchEmailAsync(); return Statuses(); }, s => !s.Values.Any(v => v.Status is "queued" or "sending" or "handing_over"), TimeSpan.FromSeconds(30));

        var outcome = Statuses();
        Assert.All(["", "none", "sale:50", "order:B-1", "notice:art14"], r =>
        {
            Assert.Equal("blocked", outcome[records[r]].Status);
            Assert.Contains("reference", outcome[records[r]].Reason, StringComparison.Ordinal);
        });
        Assert.Equal("sent", outcome[records["account:password-reset-7"]].Status);
        Assert.Single(app.Smtp.To(email));

        Dictionary<Guid, (string Status, string? Reason)> Statuses() => app.InScope(db => db.SendRecords.AsNoTracking()
            .Where(r => r.PersonId == person).ToList().ToDictionary(r => r.Id, r => (r.Status, r.DecisionReason)));
    }

    /// <summary>An order-update template, written by an admin as only an admin may.</summary>
    private static async Task<string> AdminTemplateAsync(HttpClient admin)
    {
        var key = $"order-{Guid.NewGuid():N}"[..20];
        (await admin.PutAsJsonAsync($"/api/admin/templates/{key}/en", new
        {
            messageType = "transactional", subject = "About your order", html = "<p>Hello {{ person.first_name }}, here is news of your order.</p>",
        })).EnsureSuccessStatusCode();
        return key;
    }

    private async Task<Guid> PersonAsync(string tag) => (await PersonWithAddressAsync(tag)).Id;

    /// <summary>A person in the lead store who never consented to anything.</summary>
    private async Task<(Guid Id, string Email)> PersonWithAddressAsync(string tag)
    {
        var person = new Person { Id = Guid.NewGuid(), Email = EmailJourney.NewAddress(tag), Regime = "fr", Source = "test" };
        await app.InScopeAsync(async db =>
        {
            db.People.Add(person);
            await db.SaveChangesAsync();
        });
        return (person.Id, person.Email);
    }

    private (int Sends, int Audit) Counts() => app.InScope(db => (db.SendRecords.Count(), db.AuditEntries.Count()));
}

public sealed class TransactionalFacts_OnSqlite(SqliteEmailApp app) : TransactionalFacts<SqliteEmailApp>(app);

public sealed class TransactionalFacts_OnPostgres(PostgresEmailApp app) : TransactionalFacts<PostgresEmailApp>(app);
