using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The people pages over HTTP (issue 16, page 2): the search by email, phone or the beginning of a name, the filters and
/// pages, a person's timeline with every kind of entry, and the proof export for compliance roles only.
/// </summary>
public abstract partial class PeoplePageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Search_ByEmail_FindsItsHolder_HoweverItIsTyped()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();

        var page = await session.GetPageAsync($"/people?q={Uri.EscapeDataString("  " + person.Email.ToUpperInvariant() + " ")}");

        Assert.Equal([person.Id], Found(page));
    }

    [Fact]
    public async Task Search_ByPhone_FindsItsHolder_AndANumberWithoutItsCountryCodeIsA400NamingTheField()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();
        var spaced = $"{person.Phone[..3]} {person.Phone[3..4]} {person.Phone[4..]}";

        var found = await session.GetPageAsync($"/people?q={Uri.EscapeDataString(spaced)}");
        var local = await session.Client.GetAsync($"/people?q={Uri.EscapeDataString("0" + person.Phone[3..])}");
        var html = WebUtility.HtmlDecode(await local.Content.ReadAsStringAsync());

        Assert.Equal([person.Id], Found(found));
        Assert.Equal(HttpStatusCode.BadRequest, local.StatusCode);
        Assert.Contains("<a href=\"#q\">Enter the number with its country code, such as +33 6 12 34 56 78</a>", html, StringComparison.Ordinal);
        Assert.Empty(Found(html));
    }

    [Fact]
    public async Task Search_ByName_FindsItsBeginning_WithoutAccentsOrCase()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();

        var folded = await session.GetPageAsync($"/people?q={Uri.EscapeDataString($"ELODIE  zebu{person.Token}")}");
        var accented = await session.GetPageAsync($"/people?q={Uri.EscapeDataString($"Élodie Zébu{person.Token[..5]}")}");
        var middle = await session.GetPageAsync($"/people?q={Uri.EscapeDataString($"zebu{person.Token}")}");

        Assert.Equal([person.Id], Found(folded));
        Assert.Contains(person.Id, Found(accented));
        Assert.DoesNotContain(person.Id, Found(middle));
    }

    /// <summary>
    /// A name with a purpose's state is read from the consent states, which carry their person's folded name: a new state
    /// takes it, and a rename after the consent reaches every state of the person.
    /// </summary>
    [Fact]
    public async Task Search_ByNameWithAPurposesState_FindsThePeopleOfBoth_AfterARename()
    {
        var owner = await PeopleData.PersonWithHistoryAsync(app);
        var (source, people) = await PeopleData.SameSourceAsync(app, 3);
        var token = source["form:t".Length..];
        await PeopleData.GiveConsentAsync(app, people[0], owner.PurposeKey, ConsentStatuses.Confirmed);
        await PeopleData.GiveConsentAsync(app, people[1], owner.PurposeKey, ConsentStatuses.Withdrawn);
        await PeopleData.GiveConsentAsync(app, people[2], owner.PurposeKey, ConsentStatuses.Confirmed);
        await app.InScopeAsync(async db =>
        {
            foreach (var id in new[] { people[0].Id, people[1].Id })
            {
                db.People.Single(p => p.Id == id).Attributes = new() { ["first_name"] = "Quillan", ["last_name"] = token };
            }

            await db.SaveChangesAsync();
        });
        using var session = await MarketerAsync();

        var confirmed = await session.GetPageAsync($"/people?q=quillan+{token}&purpose={owner.PurposeKey}&status=confirmed");
        var withdrawn = await session.GetPageAsync($"/people?q=QUILLAN+{token}&purpose={owner.PurposeKey}&status=withdrawn");
        var anyState = await session.GetPageAsync($"/people?q=quillan+{token}&purpose={owner.PurposeKey}");
        var nobody = await session.GetPageAsync($"/people?q=quillan+{token}&purpose={owner.PurposeKey}&status=pending_confirmation");

        Assert.Equal([people[0].Id], Found(confirmed));
        Assert.Equal([people[1].Id], Found(withdrawn));
        Assert.Equal([people[1].Id, people[0].Id], Found(anyState));
        Assert.Empty(Found(nobody));
        Assert.Equal($"quillan {token}", app.InScope(db => db.ConsentStates.Single(c => c.PersonId == people[0].Id).NameKey));
        Assert.Equal("p2", app.InScope(db => db.ConsentStates.Single(c => c.PersonId == people[2].Id).NameKey));
    }

    [Fact]
    public async Task Filters_OnPurposeAndState_RegimeAndSource_Combine()
    {
        var owner = await PeopleData.PersonWithHistoryAsync(app);
        var (source, people) = await PeopleData.SameSourceAsync(app, 3);
        await PeopleData.GiveConsentAsync(app, people[0], owner.PurposeKey, ConsentStatuses.Confirmed);
        await PeopleData.GiveConsentAsync(app, people[1], owner.PurposeKey, ConsentStatuses.Withdrawn);
        var (otherRegime, others) = await PeopleData.SameSourceAsync(app, 2, regime: "de");
        using var session = await MarketerAsync();

        var confirmed = await session.GetPageAsync($"/people?purpose={owner.PurposeKey}&status=confirmed&source={source}");
        var anyState = await session.GetPageAsync($"/people?purpose={owner.PurposeKey}&source={source}");
        var bySource = await session.GetPageAsync($"/people?source={source}");
        var byRegime = await session.GetPageAsync($"/people?regime=de&source={otherRegime}");
        var wrongRegime = await session.GetPageAsync($"/people?regime=fr&source={otherRegime}");

        Assert.Equal([people[0].Id], Found(confirmed));
        Assert.Equal([people[1].Id, people[0].Id], Found(anyState));
        Assert.Equal([people[2].Id, people[1].Id, people[0].Id], Found(bySource));
        Assert.Equal([others[1].Id, others[0].Id], Found(byRegime));
        Assert.Empty(Found(wrongRegime));
    }

    [Fact]
    public async Task Results_ComeNewestFirst_25APage_WithLinksBetweenPages()
    {
        var (source, people) = await PeopleData.SameSourceAsync(app, 27);
        using var session = await MarketerAsync();

        var first = await session.GetPageAsync($"/people?source={Uri.EscapeDataString(source)}");
        var second = await session.GetPageAsync($"/people?source={Uri.EscapeDataString(source)}&page=2");

        Assert.Equal(people.Reverse().Take(25).Select(p => p.Id), Found(first));
        Assert.Equal([people[1].Id, people[0].Id], Found(second));
        Assert.Contains($"href=\"/people?source={Uri.EscapeDataString(source)}&amp;page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=nonsense", "status", "Choose a consent state from the list")]
    [InlineData("regime=mars", "regime", "Choose a regime from the list")]
    [InlineData("purpose=no-such-purpose", "purpose", "Choose a purpose from the list")]
    [InlineData("q=not-an%40address", "q", "Enter a whole email address, such as name@example.com")]
    [InlineData("page=0", "q", "Go back to the first page")]
    [InlineData("page=abc", "q", "Go back to the first page")]
    public async Task BadFilter_Is400_WithTheProblemOnItsField_AndNoResults(string query, string field, string message)
    {
        using var session = await MarketerAsync();

        var response = await session.Client.GetAsync($"/people?{query}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{field}\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<caption class=\"table__caption\">People found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ShowsEveryKind_NewestFirst_WithTheWordingAndTheGatesReasons()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();

        var page = WebUtility.HtmlDecode(await session.GetPageAsync($"/people/{person.Id}"));

        var rows = TimelineRows().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["order", "suppression", "sms_reply", "send", "click", "send", "consent"], rows);
        Assert.Contains(PeopleData.Wording, page, StringComparison.Ordinal);
        Assert.Contains("quiet hours in the person's time zone", page, StringComparison.Ordinal);
        Assert.Contains("Suppression: hard_bounce", page, StringComparison.Ordinal);
        Assert.Contains("SMS reply: YES", page, StringComparison.Ordinal);
        Assert.Contains($"Order: order-{person.Token}", page, StringComparison.Ordinal);
        Assert.Contains("Offered a way to refuse marketing", page, StringComparison.Ordinal);
        Assert.Contains("Élodie Zébu" + person.Token, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_OfNobody_Is404()
    {
        using var session = await MarketerAsync();

        var response = await session.Client.GetAsync($"/people/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProofExport_IsLinkedForCompliance_AndDownloadsThePersonsProof_ButNotForAMarketer()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        using var compliance = await WebSession.SignInAsync(app, dpo);
        using var marketer = await MarketerAsync();
        var link = $"href=\"/people/{person.Id}/consent-proof\"";

        var dpoPage = await compliance.GetPageAsync($"/people/{person.Id}");
        var marketerPage = await marketer.GetPageAsync($"/people/{person.Id}");
        var download = await compliance.Client.GetAsync($"/people/{person.Id}/consent-proof");
        var refused = await marketer.Client.GetAsync($"/people/{person.Id}/consent-proof");

        Assert.Contains(link, dpoPage, StringComparison.Ordinal);
        Assert.DoesNotContain(link, marketerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var proof = new StreamReader(zip.GetEntry("consent-proof.csv")!.Open());
        Assert.Contains(PeopleData.Wording, await proof.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "consent_proof.exported" && a.Target == person.Id.ToString() && a.Actor == $"user:{dpo.Email}")));
    }

    [Fact]
    public async Task Correction_ByAMarketer_ChangesWhatItTouches_AndIsAudited()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await WebSession.SignInAsync(app, marketer);

        var response = await session.PostFormAsync($"/people/{person.Id}/correct", "correct", new()
        {
            ["Correction.TimeZone"] = "America/Montreal", ["Correction.Locale"] = "fr-CA", ["Correction.Country"] = "ca", ["Correction.Audience"] = "consumer",
            ["Correction.Attributes[first_name]"] = "Élodie", ["Correction.Attributes[last_name]"] = "",
            ["Correction.NewName"] = "job_title", ["Correction.NewValue"] = "Buyer",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/people/{person.Id}?saved=1", WebSession.PathOf(response));
        var stored = app.InScope(db => db.People.Single(p => p.Id == person.Id));
        Assert.Equal(("America/Montreal", "fr-CA", "CA"), (stored.TimeZone, stored.Locale, stored.Country));
        Assert.Equal(new Dictionary<string, string> { ["first_name"] = "Élodie", ["job_title"] = "Buyer" }, stored.Attributes);
        Assert.Equal("elodie", stored.NameKey);
        var audit = app.InScope(db => db.AuditEntries.Single(a => a.Action == "person.updated" && a.Target == person.Id.ToString()));
        Assert.Equal($"user:{marketer.Email}", audit.Actor);
        Assert.EndsWith("attributes=last_name,job_title", audit.Detail, StringComparison.Ordinal);
        var shown = await session.GetPageAsync(WebSession.PathOf(response));
        Assert.Contains("The corrections are saved.", shown, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{person.Id}/correct\"", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Correction.TimeZone", "Mars/Olympus", "time-zone", "Enter a time zone such as Europe/Paris")]
    [InlineData("Correction.Country", "XX", "country", "Enter a two-letter country code such as FR")]
    [InlineData("Correction.NewName", "Job Title", "new-attribute", "Use lowercase letters, digits and _ (at most 64) for the name")]
    public async Task Correction_BreakingARule_Is400_WithTheProblemOnItsField_AndChangesNothing(string field, string value, string id, string message)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();
        var fields = new Dictionary<string, string> { [field] = value };
        if (field == "Correction.NewName")
        {
            fields["Correction.NewValue"] = "Buyer";
        }

        var response = await session.PostFormAsync($"/people/{person.Id}/correct", "correct", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{id}\">{message}</a>", html, StringComparison.Ordinal);
        var stored = app.InScope(db => db.People.Single(p => p.Id == person.Id));
        Assert.Equal(("Europe/Paris", "FR", 2), (stored.TimeZone, stored.Country, stored.Attributes.Count));
        Assert.Equal(0, app.InScope(db => db.AuditEntries.Count(a => a.Action == "person.updated" && a.Target == person.Id.ToString())));
    }

    [Theory]
    [InlineData("Correction.TimeZone", "Mars/Olympus", "time-zone", "Saisissez un fuseau horaire tel que Europe/Paris")]
    [InlineData("Correction.NewValue", "abc\u202Edef", "new-attribute", "Retirez ce qu'un message ne pourrait pas afficher sans risque (contient un contrôle du sens du texte (U+202E))")]
    public async Task Correction_BreakingARule_OnAFrenchPage_SaysItInFrench(string field, string value, string id, string message)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await MarketerAsync();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");
        var fields = new Dictionary<string, string> { [field] = value };
        if (field == "Correction.NewValue")
        {
            fields["Correction.NewName"] = "role";
        }

        var response = await session.PostFormAsync($"/people/{person.Id}/correct", "correct", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{id}\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.AuditEntries.Count(a => a.Action == "person.updated" && a.Target == person.Id.ToString())));
    }

    [Fact]
    public async Task Correction_IsNotOfferedToCompliance_AndTheirGetAndPostAre403()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var dpo = await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Dpo));

        var page = await dpo.GetPageAsync($"/people/{person.Id}");
        var form = await dpo.Client.GetAsync($"/people/{person.Id}/correct");
        var token = WebSession.TokenIn(page);
        var response = await dpo.Client.PostAsync($"/people/{person.Id}/correct", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "correct", ["Correction.TimeZone"] = "America/Montreal",
        }));

        Assert.DoesNotContain($"href=\"/people/{person.Id}/correct\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Europe/Paris", app.InScope(db => db.People.Single(p => p.Id == person.Id).TimeZone));
    }

    private async Task<WebSession> MarketerAsync() => await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));

    /// <summary>The people a result page lists, in its order.</summary>
    private static List<Guid> Found(string html) =>
        [.. PersonLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    [GeneratedRegex("<th scope=\"row\"><a href=\"/people/([0-9a-f-]{36})\">")]
    private static partial Regex PersonLink();

    [GeneratedRegex("class=\"timeline__entry timeline__entry--([a-z_]+)\"")]
    private static partial Regex TimelineRows();
}

public sealed class PeoplePageFacts_OnSqlite(SqliteApp app) : PeoplePageFacts<SqliteApp>(app);

public sealed class PeoplePageFacts_OnPostgres(PostgresApp app) : PeoplePageFacts<PostgresApp>(app);
