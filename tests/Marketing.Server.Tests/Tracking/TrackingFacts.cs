using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Tracking;

/// <summary>
/// Mail as the SMTP sink receives it, for people who consent to open and click tracking and people who do not (R30–R32):
/// only the former get a pixel and recipient-level links, and a withdrawal stops the pixels of mail already sent.
/// </summary>
public abstract partial class TrackingFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    private const string Offer = Capture.CaptureScenario.Origin + "/offer";

    [Fact]
    public async Task MailWithoutTrackingConsent_CarriesNoRecipientUniqueUrl_ButTheCampaignsLinks_CountedTogether()
    {
        var (journey, template) = await SetUpAsync();
        var first = EmailJourney.NewAddress("untracked");
        var second = EmailJourney.NewAddress("untracked");
        foreach (var address in new[] { first, second })
        {
            await journey.QueueAsync(await journey.SubscribedAsync(address), template);
        }

        var firstHtml = (await app.Smtp.WaitForAsync(first, count: 2)).Message.HtmlBody!;
        var secondHtml = (await app.Smtp.WaitForAsync(second, count: 2)).Message.HtmlBody!;
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = CampaignLink().Match(firstHtml).Groups[1].Value;
        var followed = await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(link)));

        Assert.DoesNotContain("<img", firstHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/email/open/", firstHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/email/click/", firstHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Stop measuring my opens", firstHtml, StringComparison.Ordinal);
        Assert.NotEmpty(link);
        // The same address for every recipient of the campaign: it names nobody.
        Assert.Equal(link, CampaignLink().Match(secondHtml).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(Offer, followed.Headers.Location?.ToString());
        Assert.Equal(1, await app.InScopeAsync(db => db.CampaignClickCounts.Where(c => c.Url == Offer && c.Campaign == $"template:{template}").Select(c => c.Clicks).SingleAsync()));
    }

    [Fact]
    public async Task Pixel_RecordsAnOpenWithConsent_AndNothingOnceThePersonStoppedIt_FromTheLinkInTheMail()
    {
        var (journey, template) = await SetUpAsync();
        var address = EmailJourney.NewAddress("tracked");
        await journey.Scenario.SubmitAsync(journey.Browser, address, [journey.Scenario.Newsletter, TrackingPurposes.Opens, TrackingPurposes.Clicks]);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(address)))).EnsureSuccessStatusCode();
        var person = journey.PersonId(address);
        var first = (await journey.QueueAsync(person, template)).GetProperty("id").GetGuid();
        var firstHtml = (await app.Smtp.WaitForAsync(address, count: 2)).Message.HtmlBody!;
        var second = (await journey.QueueAsync(person, template)).GetProperty("id").GetGuid();
        var secondHtml = (await app.Smtp.WaitForAsync(address, count: 3)).Message.HtmlBody!;
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var pixel = Pixel().Match(firstHtml).Groups[1].Value;
        var opened = await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(pixel)));
        var openedAt = await OpenedAtAsync(first);
        var stop = EmailJourney.PathOf(WebUtility.HtmlDecode(StopLink().Match(firstHtml).Groups[1].Value));
        var asked = await browser.GetAsync(stop);
        var standingAfterAsking = await OpenConsentAsync(person);
        var stopped = await browser.PostAsync(stop, new FormUrlEncodedContent([]));
        var later = await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(Pixel().Match(secondHtml).Groups[1].Value)));

        Assert.NotEmpty(pixel);
        Assert.DoesNotContain(person.ToString("N"), pixel, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.ToString(), pixel, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/email/click/", firstHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/gif", opened.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(openedAt);
        Assert.Equal(ConsentStatuses.Granted, standingAfterAsking);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(ConsentStatuses.Withdrawn, await OpenConsentAsync(person));
        // R32: the pixel of a mail sent before the withdrawal still answers, and records nothing.
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("image/gif", later.Content.Headers.ContentType?.MediaType);
        Assert.Null(await OpenedAtAsync(second));
        // The withdrawal went through the ledger, like any other.
        Assert.True(await app.InScopeAsync(db => db.ConsentEvents.AnyAsync(e => e.PersonId == person && e.PurposeKey == TrackingPurposes.Opens && e.Status == ConsentStatuses.Withdrawn)));
    }

    private Task<DateTimeOffset?> OpenedAtAsync(Guid sendId) =>
        app.InScopeAsync(db => db.SendRecords.AsNoTracking().Where(r => r.Id == sendId).Select(r => r.OpenedAt).SingleAsync());

    private Task<string> OpenConsentAsync(Guid person) =>
        app.InScopeAsync(db => db.ConsentStates.AsNoTracking()
            .Where(s => s.PersonId == person && db.Purposes.Any(p => p.Id == s.PurposeId && p.Key == TrackingPurposes.Opens)).Select(s => s.Status).SingleAsync());

    /// <summary>A newsletter form with separate boxes for open and click tracking, and a marketing template with a link.</summary>
    private async Task<(EmailJourney Journey, string Template)> SetUpAsync()
    {
        var journey = await EmailJourney.StartAsync(app);
        var admin = journey.Scenario.Admin;
        foreach (var (purpose, name) in new[] { (TrackingPurposes.Opens, "Open measurement"), (TrackingPurposes.Clicks, "Click measurement") })
        {
            (await admin.PutAsJsonAsync($"/api/admin/purposes/{purpose}", new
            {
                names = new { en = name }, channels = new[] { "email" },
                bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" }, ["eu"] = new { basis = "consent" } }, retentionDays = 365,
            })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync($"/api/admin/notices/{purpose}_wording", new { kind = "consent" })).EnsureSuccessStatusCode();
            foreach (var locale in new[] { "en", "fr" })
            {
                (await admin.PostAsJsonAsync($"/api/admin/notices/{purpose}_wording/versions", new { locale, text = $"Acme SAS may measure: {name}." })).EnsureSuccessStatusCode();
            }
        }

        var scenario = journey.Scenario;
        (await scenario.PutFormAsync(scenario.FormDefinition(consents:
        [
            new { purpose = scenario.Newsletter, notice = $"{scenario.Newsletter}_wording", doubleOptIn = true },
            new { purpose = TrackingPurposes.Opens, notice = $"{TrackingPurposes.Opens}_wording" },
            new { purpose = TrackingPurposes.Clicks, notice = $"{TrackingPurposes.Clicks}_wording" },
        ]))).EnsureSuccessStatusCode();
        (await scenario.PublishAsync()).EnsureSuccessStatusCode();
        var template = $"offer-{Guid.NewGuid():N}"[..16];
        (await journey.Marketer.PutAsJsonAsync($"/api/admin/templates/{template}/en", new
        {
            messageType = "marketing", subject = "Our offer", html = $"<p><a href=\"{{{{ track '{Offer}' }}}}\">See the offer</a></p>",
        })).EnsureSuccessStatusCode();
        return (journey, template);
    }

    [GeneratedRegex("href=\"(https?://localhost(?::[0-9]+)?/email/link/[^\"]+)\"")]
    private static partial Regex CampaignLink();

    [GeneratedRegex("<img src=\"(https?://localhost(?::[0-9]+)?/email/open/[^\"]+)\"")]
    private static partial Regex Pixel();

    [GeneratedRegex("href=\"(https?://localhost(?::[0-9]+)?/email/opens/stop/[^\"]+)\"[^>]*>Stop measuring my opens<")]
    private static partial Regex StopLink();
}

public sealed class TrackingFacts_OnSqlite(SqliteEmailApp app) : TrackingFacts<SqliteEmailApp>(app);

public sealed class TrackingFacts_OnPostgres(PostgresEmailApp app) : TrackingFacts<PostgresEmailApp>(app);
