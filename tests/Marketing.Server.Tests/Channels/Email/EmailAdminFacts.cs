using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Channels.Email;

public abstract class EmailAdminFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task SavingATemplate_ReportsParseErrorsByLineAndColumn_AndRefusesPromotionInAConfirmation()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var broken = await marketer.PutAsJsonAsync("/api/admin/templates/spring-sale/en",
            new { messageType = "marketing", subject = "Spring", html = "<p>Hello</p>\n<p>{{ if person.first_name }}</p>" });
        // A confirmation template is an admin's; even an admin's may not carry promotion.
        var promotional = await admin.PutAsJsonAsync("/api/admin/templates/doi-confirmation/en",
            new { messageType = "doi", subject = "Confirm", html = "<p><a href=\"{{ links.confirm }}\">Confirm</a></p><div data-promotional>-20%!</div>" });
        var saved = await marketer.PutAsJsonAsync("/api/admin/templates/spring-sale/en",
            new { messageType = "marketing", subject = "Spring for {{ person.first_name }}", html = "<p>Hello {{ person.first_name }}, see <a href=\"https://acme.example/sale\">the sale</a>.</p>" });
        var preview = await marketer.PostAsync("/api/admin/templates/spring-sale/en/preview", null);

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var errors = (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Matches("^html line 2, column \\d+: ", errors.GetProperty("html")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, promotional.StatusCode);
        Assert.Contains("promotional", await promotional.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var rendered = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Spring for Ana", rendered.GetProperty("subject").GetString());
        Assert.Contains("Unsubscribe", rendered.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("the sale (https://acme.example/sale)", rendered.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressions_ImportMatchesAnySpelling_ReportsBadLines_AndUnsubscribesCannotBeRemoved()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"address,reason,channel,scope\n  Ana.{tag}@Example.COM ,complaint,email,*\nnot-an-address,manual,email,*\n{TestPhones.FrenchMobile()},manual,sms,*\nbob.{tag}@example.com,unsubscribe,email,newsletter\n";

        var imported = await admin.PostAsync("/api/admin/suppressions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var again = await admin.PostAsync("/api/admin/suppressions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/suppressions?address=ana.{tag}@example.com");
        var bob = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/suppressions?address=BOB.{tag}@example.com");
        var readByMarketer = await marketer.GetAsync("/api/admin/suppressions");
        var removeUnsubscribe = await admin.DeleteAsync($"/api/admin/suppressions/{bob[0].GetProperty("id").GetString()}");
        var removeComplaint = await admin.DeleteAsync($"/api/admin/suppressions/{found[0].GetProperty("id").GetString()}");
        var badAdd = await admin.PostAsJsonAsync("/api/admin/suppressions", new { address = "nobody", reason = "because" });

        var report = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, report.GetProperty("added").GetInt32());
        Assert.Equal(3, report.GetProperty("problems")[0].GetProperty("line").GetInt32());
        Assert.Equal(3, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyPresent").GetInt32());
        Assert.Equal("complaint", found.EnumerateArray().Single().GetProperty("reason").GetString());
        Assert.DoesNotContain("ana", found.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, readByMarketer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, removeUnsubscribe.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removeComplaint.StatusCode);
        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "suppression.removed" && a.Target == found[0].GetProperty("id").GetString())));
        var problems = (await badAdd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(problems.TryGetProperty("address", out _));
        Assert.True(problems.TryGetProperty("reason", out _));
    }
}

public sealed class EmailAdminFacts_OnSqlite(SqliteApp app) : EmailAdminFacts<SqliteApp>(app);

public sealed class EmailAdminFacts_OnPostgres(PostgresApp app) : EmailAdminFacts<PostgresApp>(app);
