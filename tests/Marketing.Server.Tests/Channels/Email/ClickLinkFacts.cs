using System.Net;
using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Hosting;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Email;

/// <summary>A tracked link names its message and its destination under one signature.</summary>
public abstract class ClickLinkFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task DestinationOfOneMessage_WithTheTokenOfAnother_RecordsNoClick_AndRedirectsNowhere()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var first = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        var second = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        var firstLink = Path(links.Click(links.Token(first), "https://shop.example/offer"));
        var secondLink = Path(links.Click(links.Token(second), "https://shop.example/other"));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var combined = await browser.GetAsync($"{secondLink[..secondLink.LastIndexOf('/')]}/{firstLink[(firstLink.LastIndexOf('/') + 1)..]}");

        Assert.Equal(HttpStatusCode.NotFound, combined.StatusCode);
        Assert.Null(combined.Headers.Location);
        Assert.Null(await ClickedAtAsync(first));
        Assert.Null(await ClickedAtAsync(second));
    }

    [Fact]
    public async Task LinkAsWritten_RecordsTheClickOnItsOwnMessage_AndRedirects()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var record = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        await app.SetClickConsentAsync(record, ConsentStatuses.Granted);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var followed = await browser.GetAsync(Path(links.Click(links.Token(record), "https://shop.example/offer?a=1&b=2")));

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("https://shop.example/offer?a=1&b=2", followed.Headers.Location?.ToString());
        Assert.NotNull(await ClickedAtAsync(record));
    }

    /// <summary>R32: a withdrawal stops tracking from mail already sent, so the link asks for the person's consent as it stands when followed.</summary>
    [Fact]
    public async Task LinkOfAMessageSentWithConsent_StillRedirects_ButRecordsNoClick_AfterTheWithdrawal()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var record = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        await app.SetClickConsentAsync(record, ConsentStatuses.Granted);
        var link = Path(links.Click(links.Token(record), "https://shop.example/offer"));
        await app.SetClickConsentAsync(record, ConsentStatuses.Withdrawn);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var followed = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("https://shop.example/offer", followed.Headers.Location?.ToString());
        Assert.Null(await ClickedAtAsync(record));
    }

    /// <summary>Links of the first format, already in mailboxes, still lead where they said, but no longer count as clicks.</summary>
    [Fact]
    public async Task LinkOfTheFormerFormat_StillRedirects_ButRecordsNoClick()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var record = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        var formerTarget = WebEncoders.Base64UrlEncode(app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("email.clicks.v1").Protect("https://shop.example/old"u8.ToArray()));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var followed = await browser.GetAsync($"/email/click/{links.Token(record)}/{formerTarget}");

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("https://shop.example/old", followed.Headers.Location?.ToString());
        Assert.Null(await ClickedAtAsync(record));
    }

    private static string Path(string url) => new Uri(url).PathAndQuery;

    private Task<DateTimeOffset?> ClickedAtAsync(Guid id) =>
        app.InScopeAsync(db => db.SendRecords.AsNoTracking().Where(r => r.Id == id).Select(r => r.ClickedAt).SingleAsync());
}

public sealed class ClickLinkFacts_OnSqlite(SqliteApp app) : ClickLinkFacts<SqliteApp>(app);

public sealed class ClickLinkFacts_OnPostgres(PostgresApp app) : ClickLinkFacts<PostgresApp>(app);
