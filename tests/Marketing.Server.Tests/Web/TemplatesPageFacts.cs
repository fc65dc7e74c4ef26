using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The templates pages over HTTP (issue 16, page 6): the editor saves through the API's use case, refuses what the API
/// refuses with the problem on its field, previews a draft without script (parse errors at line and column, the SMS
/// encoding and segments, the email in its layout in a frame of its own policy), and the live preview's answer.
/// </summary>
public abstract partial class TemplatesPageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Save_OfANewEmailTemplate_StoresItThroughSaveTemplate_AndRedirectsToItsEditor()
    {
        var (session, marketer) = await MarketerAsync();
        var key = TemplateForms.NewKey("spring");

        var response = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template", TemplateForms.Email("Spring for {{ person.first_name }}", "<p>Hello {{ person.first_name }}</p>", "save"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/templates/{key}/en?saved=1", WebSession.PathOf(response));
        var saved = app.InScope(db => db.MessageTemplates.Single(t => t.Key == key && t.Locale == "en"));
        Assert.Equal(("email", "marketing", "Spring for {{ person.first_name }}", "<p>Hello {{ person.first_name }}</p>", (string?)null),
            (saved.Channel, saved.MessageType, saved.Subject, saved.Html, saved.Text));
        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "template.saved" && a.Target == $"{key}/en" && a.Actor == $"user:{marketer.Email}")));
        var page = WebUtility.HtmlDecode(await session.GetPageAsync($"/templates/{key}/en?saved=1"));
        Assert.Contains("Saved. Messages sent from now on use this version.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_WithAParseError_Is400_WithLineAndColumnOnTheField_AndStoresNothing()
    {
        var (session, _) = await MarketerAsync();
        var key = TemplateForms.NewKey("broken");

        var response = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template", TemplateForms.Email("Hi", "<p>Hello</p>\n<p>{{ person.first_name </p>", "save"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#html\">Line 2, column 26: Error while parsing binary expression", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"html-live\" class=\"field__error field__live\" data-live-error=\"html\">Line 2, column 26: Error while parsing", html, StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
    }

    [Fact]
    public async Task Save_WithoutASubject_Is400_WithTheUseCasesProblemOnTheField()
    {
        var (session, _) = await MarketerAsync();
        var key = TemplateForms.NewKey("nosubject");

        var response = await session.PostFormAsync($"/templates/{key}/fr?channel=email", "template", TemplateForms.Email("", "<p>Bonjour</p>", "save"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#subject\">Subject: is required</a>", html, StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
    }

    [Fact]
    public async Task Preview_WithoutScript_CountsTheSmsSegments_AndStoresNothing()
    {
        var (session, _) = await MarketerAsync();
        var key = TemplateForms.NewKey("sms");
        var one = "{{ person.first_name }}, our offers are waiting. Reply STOP to opt out.";

        var short1 = await session.PostFormAsync($"/templates/{key}/en?channel=sms", "template", TemplateForms.Sms(one, "preview"));
        var long2 = await session.PostFormAsync($"/templates/{key}/en?channel=sms", "template", TemplateForms.Sms(one + new string('x', 120), "preview"));
        var ucs = await session.PostFormAsync($"/templates/{key}/en?channel=sms", "template", TemplateForms.Sms("✓ " + one + new string('y', 30), "preview"));

        Assert.Equal(HttpStatusCode.OK, short1.StatusCode);
        Assert.Contains("GSM-7: 1 segment (51 characters)", await short1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("GSM-7: 2 segments (171 characters)", await long2.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("UCS-2: 2 segments (83 UTF-16 units)", await ucs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
    }

    [Fact]
    public async Task Preview_OfAnEmail_FramesTheDraftInTheLayout_UnderTheFramesOwnPolicy()
    {
        var (session, _) = await MarketerAsync();
        var key = TemplateForms.NewKey("framed");

        var response = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template", TemplateForms.Email("Spring", "<p>Hello {{ person.first_name }}</p>", "preview"));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var src = FrameSource().Match(page).Groups[1].Value;
        var frame = await session.Client.GetAsync(src);
        var document = await frame.Content.ReadAsStringAsync();
        var tampered = await session.Client.GetAsync(src[..^4] + "AAAA");
        var elsewhere = await session.Client.GetAsync(src.Replace($"/templates/{key}/en/", $"/templates/{key}/fr/", StringComparison.Ordinal));

        Assert.StartsWith($"/templates/{key}/en/frame?d=", src, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Contains("<p>Hello Ana</p>", document, StringComparison.Ordinal);
        // The shipped English layout wraps it, with the marketing footer's unsubscribe link.
        Assert.Contains("https://engine.example/email/unsubscribe/sample", document, StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'",
            frame.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("SAMEORIGIN", frame.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task LivePreview_AnswersEachParseErrorOnItsField_InTheReadersLanguage()
    {
        var (session, _) = await MarketerAsync();
        var key = TemplateForms.NewKey("live");
        session.Client.DefaultRequestHeaders.Add("Cookie", "mk_lang=fr");
        var token = await session.TokenAsync($"/templates/{key}/fr?channel=email");

        var response = await session.Client.PostAsync($"/templates/{key}/fr/live", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Channel"] = "email", ["Input.MessageType"] = "marketing",
            ["Input.Subject"] = "Bonjour {{ person.first_name + }}", ["Input.Html"] = "<p>ok</p>", ["Input.Text"] = "",
        }));
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(preview.GetProperty("errors").EnumerateArray());
        Assert.Equal("subject", error.GetProperty("field").GetString());
        Assert.StartsWith("Ligne 1, colonne 32 : Error while parsing binary expression", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("L'aperçu attend qu'une erreur soit corrigée.", preview.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("frame").ValueKind);
    }

    [Theory]
    [InlineData("Bad Key", "en", "email", "new-key", "Enter a key of 2 to 64 lowercase letters, digits or hyphens, starting with a letter")]
    [InlineData("welcome", "english", "email", "new-locale", "Enter a locale such as en or fr-FR")]
    [InlineData("welcome", "en", "fax", "new-channel", "Choose email or SMS")]
    [InlineData("welcome", "en", "email", "new-key", "This key already has a template in this locale: edit it from the list")]
    public async Task NewTemplate_ThatCouldNeverBeSaved_Is400OnItsField(string key, string locale, string channel, string field, string message)
    {
        var (session, _) = await MarketerAsync();

        var response = await session.PostFormAsync("/templates", "new-template", new() { ["New.Key"] = key, ["New.Locale"] = locale, ["New.Channel"] = channel });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{field}\">{message}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_ShowsSavedAndShippedTemplates_AndAMissingOneIs404()
    {
        var (session, _) = await MarketerAsync();

        var list = WebUtility.HtmlDecode(await session.GetPageAsync("/templates"));
        var missing = await session.Client.GetAsync("/templates/no-such-template/en");

        Assert.Contains("href=\"/templates/sms-offer/fr\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/templates/layout/en\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<(WebSession, TestUser)> MarketerAsync()
    {
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        return (await WebSession.SignInAsync(app, marketer), marketer);
    }

    [GeneratedRegex("<iframe class=\"preview__frame\"[^>]* src=\"([^\"]+)\"")]
    private static partial Regex FrameSource();
}

public sealed class TemplatesPageFacts_OnSqlite(SqliteApp app) : TemplatesPageFacts<SqliteApp>(app);

public sealed class TemplatesPageFacts_OnPostgres(PostgresApp app) : TemplatesPageFacts<PostgresApp>(app);

/// <summary>The editor's forms as a browser posts them.</summary>
internal static class TemplateForms
{
    internal static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    internal static Dictionary<string, string> Email(string subject, string html, string action) => new()
    {
        ["Input.Channel"] = "email", ["Input.MessageType"] = "marketing", ["Input.Subject"] = subject, ["Input.Html"] = html, ["Input.Text"] = "", ["Input.Action"] = action,
    };

    internal static Dictionary<string, string> Sms(string body, string action) => new()
    {
        ["Input.Channel"] = "sms", ["Input.MessageType"] = "marketing", ["Input.Body"] = body, ["Input.Action"] = action,
    };
}
