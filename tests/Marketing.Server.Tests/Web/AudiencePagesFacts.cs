using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The imports and segments pages over HTTP (issue 18 items 2 and 3), posted as a browser without script posts them: an
/// import started from the page with its provenance is read by the job and its page shows the counts, the refused line
/// and the report; a segment is edited rule by rule, counted, saved and deleted through the same use cases as the API,
/// and every problem lands on its field with a 400, storing nothing.
/// </summary>
public abstract class AudiencePagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Import_StartedFromThePage_IsReadByTheJob_AndItsPageShowsTheCountsTheRefusedLineAndTheReport()
    {
        var purpose = (await PeopleData.PersonWithHistoryAsync(app)).PurposeKey;
        using var session = await MarketerAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"email,first_name\nana.{tag}@example.com,Ana\nnot-an-address,Bea\nbo.{tag}@example.com,Bo\n";

        var response = await PostImportAsync(session, csv, new()
        {
            ["Input.SourceOrganisation"] = $"Partner {tag}", ["Input.ContractReference"] = "C-12", ["Input.CollectedFrom"] = "2026-01-01",
            ["Input.CollectedTo"] = "2026-02-01", ["Input.CollectionUrls"] = "https://partner.example/a\r\nhttps://partner.example/b",
            ["Input.ConsentWording"] = "I agree to receive offers from Partner and its partners.", ["Input.PartnersShown"] = "Acme\r\nGlobex",
            ["Channels"] = "email", ["Purposes"] = purpose, ["Input.ProofLocation"] = "https://partner.example/proof",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var batch = app.InScope(db => db.ImportBatches.Single(b => b.SourceOrganisation == $"Partner {tag}"));
        Assert.Equal($"/people/imports/{batch.Id}?started=1", response.Headers.Location!.PathAndQuery);
        Assert.Equal(("C-12", true, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 2, 2, "email", purpose, "people.csv"),
            (batch.ContractReference, batch.HasConsentProof, batch.CollectedFrom!.Value, batch.CollectionUrls.Count, batch.PartnersShown.Count,
                Assert.Single(batch.Channels), Assert.Single(batch.Purposes), batch.FileName));
        var status = await Eventually.ReturnsAsync(async () => await session.Client.GetFromJsonAsync<JsonElement>($"/people/imports/{batch.Id}/status"),
            s => s.GetProperty("completed").GetBoolean(), TimeSpan.FromSeconds(60));
        Assert.Equal((3L, 2L, 1L, 4L, 4L, "4 lines read"), (status.GetProperty("rowsRead").GetInt64(), status.GetProperty("created").GetInt64(),
            status.GetProperty("refused").GetInt64(), status.GetProperty("value").GetInt64(), status.GetProperty("max").GetInt64(), status.GetProperty("text").GetString()));

        var page = WebUtility.HtmlDecode(await session.GetPageAsync($"/people/imports/{batch.Id}"));
        var list = WebUtility.HtmlDecode(await session.GetPageAsync("/people/imports"));
        var report = await session.Client.GetAsync($"/people/imports/{batch.Id}/report?format=csv");

        Assert.Contains("<progress id=\"import-progress\" class=\"upload-progress\" max=\"4\" value=\"4\" data-import-bar>4 lines read</progress>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\" class=\"number\">3</th><td><code>email</code></td><td>is not a valid email address</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/imports/{batch.Id}/report?format=csv\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-import-refresh", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/people/imports/{batch.Id}\">Partner {tag}</a>", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/zip", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "import.exported" && a.Target == batch.Id.ToString())));
    }

    [Theory]
    [InlineData("email\nx@example.com\n", "", "fax", "import-source", "Enter the organisation the list comes from (at most 200 characters)")]
    [InlineData("email\nx@example.com\n", "Partner", "fax", "import-channels", "Choose channels from the list")]
    [InlineData("name,town\nAna,Paris\n", "Partner", "email", "import-file", "line 1 must be a header naming the column 'email' or 'phone'")]
    [InlineData(null, "Partner", "email", "import-file", "Choose the CSV file to import")]
    public async Task Import_WithAProblem_Is400_WithItOnItsField_AndRecordsNoBatch(string? csv, string source, string channel, string field, string message)
    {
        using var session = await MarketerAsync();
        var batches = app.InScope(db => db.ImportBatches.Count());

        var response = await PostImportAsync(session, csv, new() { ["Input.SourceOrganisation"] = source, ["Channels"] = channel });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{field}\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Equal(batches, app.InScope(db => db.ImportBatches.Count()));
    }

    [Fact]
    public async Task Segment_IsEditedRuleByRule_CountedSavedAndDeleted_WithEachProblemOnItsField()
    {
        var (source, _) = await PeopleData.SameSourceAsync(app, 2);
        using var session = await MarketerAsync();
        var key = $"seg-{Guid.NewGuid():N}"[..20];
        var fields = new Dictionary<string, string> { ["Key"] = key, ["Name"] = "Readers", ["Channel"] = "email" };

        var added = await PostSegmentAsync(session, "/people/segments/new", fields, "add", ("AddType", "source"));
        fields["Rule[0].Type"] = "source";
        fields["Rule[0].Value"] = source;
        var twoRules = await PostSegmentAsync(session, "/people/segments/new", fields, "add", ("AddType", "activity"));
        fields["Rule[1].Type"] = "activity";
        fields["Rule[1].Activity"] = "submitted";
        fields["Rule[1].WithinDays"] = "many";
        var badSave = await PostSegmentAsync(session, "/people/segments/new", fields, "save");
        var removed = await PostSegmentAsync(session, "/people/segments/new", fields, "remove-1");
        fields.Remove("Rule[1].Type");
        var counted = await PostSegmentAsync(session, "/people/segments/new", fields, "count");
        var saved = await PostSegmentAsync(session, "/people/segments/new", fields, "save");
        var editor = WebUtility.HtmlDecode(await session.GetPageAsync($"/people/segments/{key}"));
        var live = await session.Client.PostAsync($"/people/segments/{key}/count", new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebSession.TokenIn(editor), ["Rule[0].Value"] = "",
        }));

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("<input type=\"hidden\" name=\"Rule[0].Type\" value=\"source\" />", added.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"rule-1-withindays\"", twoRules.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSave.Status);
        Assert.Contains("<a href=\"#rule-1-withindays\">Rule 2: recent activity – Within the last (days) must be a number of days from 1 to 3650</a>", badSave.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule[1].Type", removed.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{source}\"", removed.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counted.Status);
        Assert.Contains("data-segment-count>2 people</p>", counted.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal($"/people/segments/{key}?saved=1", saved.Location);
        Assert.Equal($"{{\"channel\":\"email\",\"conditions\":[{{\"type\":\"source\",\"value\":\"{source}\"}}]}}",
            app.InScope(db => db.Segments.Single(s => s.Key == key).Definition));
        Assert.Contains("data-segment-count>2 people</p>", editor, StringComparison.Ordinal);
        var liveCount = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, liveCount.GetProperty("count").ValueKind);
        var error = Assert.Single(liveCount.GetProperty("errors").EnumerateArray());
        Assert.Equal(("rule-0-value", "Rule 1: source – Source begins with is required, at most 200 characters"),
            (error.GetProperty("field").GetString(), error.GetProperty("message").GetString()));

        var deleted = await session.Client.PostAsync($"/people/segments/{key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebSession.TokenIn(editor), ["_handler"] = "delete",
        }));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/people/segments?deleted={key}", deleted.Headers.Location!.PathAndQuery);
        Assert.Equal(0, app.InScope(db => db.Segments.Count(s => s.Key == key)));
    }

    [Fact]
    public async Task SegmentEditor_OfNoSegment_Is404()
    {
        using var session = await MarketerAsync();

        var response = await session.Client.GetAsync($"/people/segments/none-{Guid.NewGuid():N}"[..30]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<WebSession> MarketerAsync() => await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));

    /// <summary>The imports form as a browser posts it: multipart, its fields, and the file unless <paramref name="csv"/> is null.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(WebSession session, string? csv, Dictionary<string, string> fields, string tokenFrom = "/people/imports")
    {
        using var body = new MultipartFormDataContent
        {
            { new StringContent(await session.TokenAsync(tokenFrom)), "__RequestVerificationToken" },
            { new StringContent("import"), "_handler" },
        };
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        if (csv is not null)
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            body.Add(file, "File", "people.csv");
        }

        return await session.Client.PostAsync("/people/imports", body);
    }

    private static async Task<(HttpStatusCode Status, string Html, string? Location)> PostSegmentAsync(WebSession session, string path,
        Dictionary<string, string> fields, string action, params (string Name, string Value)[] more)
    {
        var values = new Dictionary<string, string>(fields) { ["Action"] = action };
        foreach (var (name, value) in more)
        {
            values[name] = value;
        }

        var response = await session.PostFormAsync(path, "segment", values, tokenFrom: "/people/segments");
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response.Headers.Location?.PathAndQuery);
    }
}

public sealed class AudiencePagesFacts_OnSqlite(SqliteApp app) : AudiencePagesFacts<SqliteApp>(app);

public sealed class AudiencePagesFacts_OnPostgres(PostgresApp app) : AudiencePagesFacts<PostgresApp>(app);
