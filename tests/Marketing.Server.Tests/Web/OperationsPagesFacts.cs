using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Pages 8 to 10 of the web app over HTTP (issue 16): sends by status and gate reason, the suppression list (lookup
/// through the keyed hash, CSV import with its bad lines), the compliance exports, ledger verification and audit log,
/// API keys, sending domains and channels. The email engine's app, with a DNS server the test controls.
/// </summary>
public abstract partial class OperationsPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : DomainApp
{
    [Fact]
    public async Task Sends_FilterByStatusAndGateReason_AndABadStatusIs400OnItsField()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await SignInAsync(ApiKeyRole.Marketer);

        var blocked = WebUtility.HtmlDecode(await session.GetPageAsync($"/sends?status=blocked&reason={Uri.EscapeDataString("quiet hours")}"));
        var sent = WebUtility.HtmlDecode(await session.GetPageAsync("/sends?status=sent"));
        var otherReason = WebUtility.HtmlDecode(await session.GetPageAsync($"/sends?status=blocked&reason={Uri.EscapeDataString("no consent")}"));
        var bad = await session.Client.GetAsync("/sends?status=lost");
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());

        Assert.Equal(["offer"], Templates(blocked, person.Id));
        Assert.Contains($"<a href=\"/people/{person.Id}\">{person.Email}</a>", blocked, StringComparison.Ordinal);
        Assert.Contains("quiet hours in the person's time zone", blocked, StringComparison.Ordinal);
        Assert.Equal(["welcome"], Templates(sent, person.Id));
        Assert.Empty(Templates(otherReason, person.Id));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<a href=\"#status\">Choose a status from the list</a>", badHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-send=", badHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuppressionLookup_FindsASuppressedAddress_HoweverItIsTyped_AndSaysWhenOneIsNot()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await SignInAsync(ApiKeyRole.Compliance);

        var found = WebUtility.HtmlDecode(await session.GetPageAsync($"/suppression?address={Uri.EscapeDataString("  " + person.Email.ToUpperInvariant())}"));
        var absent = WebUtility.HtmlDecode(await session.GetPageAsync($"/suppression?address=nobody.{person.Token}%40example.com"));
        var bad = await session.Client.GetAsync("/suppression?address=not-an-address");

        Assert.Contains($"Entries for {person.Email.ToUpperInvariant()}: 1", found, StringComparison.Ordinal);
        Assert.Contains("Hard bounce", found, StringComparison.Ordinal);
        Assert.Contains("bounce_webhook", found, StringComparison.Ordinal);
        Assert.Contains($"nobody.{person.Token}@example.com is not on the suppression list.", absent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<a href=\"#address\">", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A compliance role reads the list; only an admin changes it.
        Assert.DoesNotContain("id=\"add-address\"", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvImport_AddsTheGoodLines_AndListsEachBadLineWithItsNumber()
    {
        using var session = await SignInAsync(ApiKeyRole.Admin);
        var token = Guid.NewGuid().ToString("N")[..10];
        var csv = $"address,reason\nfirst.{token}@example.com,complaint\nnot an address,manual\nsecond.{token}@example.com,lost\n+33 6 12 34 20 00,manual\n";

        var response = await session.PostFileAsync("/suppression", "import", "File", "list.csv", csv);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var noHeader = await session.PostFileAsync("/suppression", "import", "File", "list.csv", $"first.{token}@example.com\n");
        var noFile = await session.PostFormAsync("/suppression", "import", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Import done: 2 added, 0 already on the list, 2 bad lines.", html, StringComparison.Ordinal);
        Assert.Equal([("3", "address: not an email address or phone number"), ("4", "reason: must be one of unsubscribe, hard_bounce, complaint, soft_bounces, erasure, manual")],
            BadLines(html));
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var firstHash = hasher.HashNormalized($"first.{token}@example.com");
        Assert.Equal("complaint", app.InScope(db => db.Suppressions.Single(s => s.AddressHash == firstHash).Reason));
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
        Assert.Contains("<a href=\"#import-file\">The file’s first line must be a header naming at least the column address</a>",
            WebUtility.HtmlDecode(await noHeader.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
    }

    [Fact]
    public async Task AFileInAForm_IsRefused_OnEveryPageButTheImportsOne()
    {
        using var session = await SignInAsync(ApiKeyRole.Admin);
        var name = $"file-{Guid.NewGuid():N}"[..20];

        var response = await session.PostFileAsync("/settings/api-keys", "create", "Input.Name", "name.csv", name);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, app.InScope(db => db.ApiKeys.Count(k => k.Name == name)));
    }

    [Fact]
    public async Task ApiKey_IsShownOnceWhenCreated_WorksOnTheApi_AndIsRefusedOnceRevoked()
    {
        using var session = await SignInAsync(ApiKeyRole.Admin);
        var name = $"crm-{Guid.NewGuid():N}"[..20];

        var created = WebUtility.HtmlDecode(await (await session.PostFormAsync("/settings/api-keys", "create",
            new() { ["Input.Name"] = name, ["Input.Role"] = "marketer" })).Content.ReadAsStringAsync());
        var key = NewKey().Match(created).Groups[1].Value;
        var id = app.InScope(db => db.ApiKeys.Single(k => k.Name == name).Id);
        var listed = await session.GetPageAsync("/settings/api-keys");
        var worked = await MeAsync(key);
        var revoked = await session.PostFormAsync("/settings/api-keys", $"revoke-{id:N}", new() { ["KeyId"] = id.ToString() });
        var refused = await MeAsync(key);
        var dpoKey = await session.PostFormAsync("/settings/api-keys", "create", new() { ["Input.Name"] = $"{name}-dpo", ["Input.Role"] = "dpo" });

        Assert.StartsWith("mk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, worked);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains($"The key {name} was revoked", WebUtility.HtmlDecode(await revoked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(HttpStatusCode.BadRequest, dpoKey.StatusCode);
        Assert.Equal(0, app.InScope(db => db.ApiKeys.Count(k => k.Name == $"{name}-dpo")));
        var admin = app.InScope(db => db.AuditEntries.Where(a => a.Target == id.ToString()).OrderBy(a => a.At).Select(a => a.Action + " " + a.Actor).ToList());
        Assert.Equal([$"api_key.created user:{Email(session)}", $"api_key.revoked user:{Email(session)}"], admin);
    }

    [Fact]
    public async Task Exports_DownloadWithTheSession_AreAuditedWithTheUser_AndABadPeriodIsA400OnItsField()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        using var session = await WebSession.SignInAsync(app, dpo);

        var asked = await session.Client.GetAsync($"/compliance?export=proof&from=2026-11-01&to=2026-11-03&form=&purpose={person.PurposeKey}&format=csv");
        var download = await session.Client.GetAsync(WebSession.PathOf(asked));
        var cookies = await session.Client.GetAsync(WebSession.PathOf(await session.Client.GetAsync("/compliance?export=cookies&site=&from=&to=&consent=&format=json")));
        var backwards = await session.Client.GetAsync("/compliance?export=proof&from=2026-11-03&to=2026-11-01&format=csv");
        var notADate = await session.Client.GetAsync("/compliance?export=cookies&from=yesterday&format=csv");

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal($"/compliance/consent-proof?format=csv&from={Uri.EscapeDataString("2026-11-01T00:00:00.0000000+00:00")}&to={Uri.EscapeDataString("2026-11-03T00:00:00.0000000+00:00")}&purpose={person.PurposeKey}",
            WebSession.PathOf(asked));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync()))
        {
            using var proof = new StreamReader(zip.GetEntry("consent-proof.csv")!.Open());
            Assert.Contains(PeopleData.Wording, await proof.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, cookies.StatusCode);
        Assert.Equal("application/zip", cookies.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("<a href=\"#proof-to\">Enter a date after the start, such as 2026-12-31</a>", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Contains("<a href=\"#cookies-from\">Enter a date such as 2026-12-01</a>", await notADate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audited = app.InScope(db => db.AuditEntries.Where(a => a.Actor == $"user:{dpo.Email}").Select(a => a.Action).ToList());
        Assert.Equal(1, audited.Count(a => a == "consent_proof.exported"));
        Assert.Equal(1, audited.Count(a => a == "cookie_consents.exported"));
    }

    [Fact]
    public async Task LedgerVerification_SaysIntact_OrNamesTheFirstBrokenEvent_AndTheAuditLogFiltersByActionAndActor()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var compliance = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        using var session = await WebSession.SignInAsync(app, compliance);
        var intact = WebUtility.HtmlDecode(await (await session.PostFormAsync("/compliance", "verify", [])).Content.ReadAsStringAsync());
        var last = app.InScope(db => db.ConsentEvents.AsNoTracking().Single(e => e.PersonId == person.Id));

        await app.InScopeAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM consent_events WHERE id = {last.Id}"));
        string broken;
        try
        {
            broken = WebUtility.HtmlDecode(await (await session.PostFormAsync("/compliance", "verify", [])).Content.ReadAsStringAsync());
        }
        finally
        {
            await app.InScopeAsync(async db =>
            {
                db.ConsentEvents.Add(last);
                await db.SaveChangesAsync();
            });
        }

        var audit = WebUtility.HtmlDecode(await session.GetPageAsync($"/compliance?action=ledger.&actor={Uri.EscapeDataString($"user:{compliance.Email}")}"));

        Assert.Contains("data-ledger=\"intact\"", intact, StringComparison.Ordinal);
        Assert.Contains("The ledger holds:", intact, StringComparison.Ordinal);
        Assert.Contains("data-ledger=\"broken\"", broken, StringComparison.Ordinal);
        Assert.Contains($"(person {person.Id}, sequence 1)", broken, StringComparison.Ordinal);
        Assert.Contains("events were removed", broken, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(audit, "<code>ledger.verified</code>"));
        Assert.DoesNotContain("<code>user.signed_in</code>", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainsCheckNow_ShowsEachResult_AuditedWithTheUser()
    {
        app.Dns.Set(EmailApp.DkimDomain, $"v=spf1 ip4:{DomainApp.RelayAddress} -all");
        app.Dns.Set($"{EmailApp.DkimSelector}._domainkey.{EmailApp.DkimDomain}", app.DkimDnsRecord);
        app.Dns.Set($"_dmarc.{EmailApp.DkimDomain}", "v=DMARC1; p=none");
        using var session = await SignInAsync(ApiKeyRole.Admin);

        var checkedPage = WebUtility.HtmlDecode(await (await session.PostFormAsync("/settings/domains", "check", [])).Content.ReadAsStringAsync());
        var shown = WebUtility.HtmlDecode(await session.GetPageAsync("/settings/domains"));

        Assert.Contains("The domains were checked.", checkedPage, StringComparison.Ordinal);
        foreach (var page in new[] { checkedPage, shown })
        {
            Assert.Contains($"data-domain=\"{EmailApp.DkimDomain}\"", page, StringComparison.Ordinal);
            Assert.Contains("tag--verified", page, StringComparison.Ordinal);
            foreach (var check in new[] { "spf", "dkim", "dmarc", "alignment" })
            {
                Assert.Contains($"data-check=\"{check}\"", page, StringComparison.Ordinal);
            }
        }

        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "email.domain_verified" && a.Actor == $"user:{Email(session)}")));
    }

    [Fact]
    public async Task Channels_SayWhatIsOn_AndWhyTheRestIsOff_AndNeverShowASecret()
    {
        using var session = await SignInAsync(ApiKeyRole.Admin);

        var page = WebUtility.HtmlDecode(await session.GetPageAsync("/settings/channels"));

        Assert.Contains("data-channel=\"smtp\" data-on=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"mailbox\" data-on=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"twilio\" data-on=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains("No Twilio account is set: SMS wait, queued.", page, StringComparison.Ordinal);
        Assert.Contains($"{EmailApp.DkimSelector}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(ImapMailbox.Password, page, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailApp.EventsToken, page, StringComparison.Ordinal);
        Assert.Contains("<dt>Password</dt><dd>set</dd>", Regex.Replace(page, @">\s+<", "><"), StringComparison.Ordinal);
    }

    private readonly Dictionary<WebSession, string> _emails = [];

    private async Task<WebSession> SignInAsync(ApiKeyRole role)
    {
        var user = await WebUsers.CreateAsync(app, role);
        var session = await WebSession.SignInAsync(app, user);
        _emails[session] = user.Email;
        return session;
    }

    private string Email(WebSession session) => _emails[session];

    private async Task<HttpStatusCode> MeAsync(string key)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetAsync("/api/admin/me")).StatusCode;
    }

    /// <summary>The templates of the sends a page lists for <paramref name="person"/>.</summary>
    private static List<string> Templates(string html, Guid person) =>
        [.. SendRow().Matches(html).Where(m => m.Groups[1].Value == person.ToString()).Select(m => m.Groups[2].Value)];

    private static List<(string, string)> BadLines(string html) =>
        [.. BadLine().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [GeneratedRegex("<a href=\"/people/([0-9a-f-]{36})\">[^<]*</a>\\s*</td>\\s*<td>[^<]*</td>\\s*<td>[^<]*</td>\\s*<td><code>([^<]+)</code>")]
    private static partial Regex SendRow();

    [GeneratedRegex("<tr><th scope=\"row\">(\\d+)</th><td>([^<]+)</td></tr>")]
    private static partial Regex BadLine();

    [GeneratedRegex("<code class=\"secret\" data-new-key>([^<]+)</code>")]
    private static partial Regex NewKey();
}

public sealed class OperationsPagesFacts_OnSqlite(SqliteDomainApp app) : OperationsPagesFacts<SqliteDomainApp>(app);

public sealed class OperationsPagesFacts_OnPostgres(PostgresDomainApp app) : OperationsPagesFacts<PostgresDomainApp>(app);
