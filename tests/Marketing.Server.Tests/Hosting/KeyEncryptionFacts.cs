using System.Security.Cryptography;
using System.Xml.Linq;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// The data-protection key ring at rest: kept in the database, encrypted with a key-encryption key
/// that is not, so a copy of the database alone makes no unsubscribe, preference or click token.
/// </summary>
public abstract class KeyEncryptionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public void KeyRing_IsStoredWithoutAnySecretInClear()
    {
        _ = app.Services.GetRequiredService<EmailLinks>().Token(Guid.NewGuid());

        var stored = app.InScope(db => db.DataProtectionKeys.AsNoTracking().ToList());

        Assert.NotEmpty(stored);
        Assert.All(stored, k =>
        {
            var xml = XElement.Parse(k.Xml);
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "masterKey");
            Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        });
    }

    [Fact]
    public async Task CopyOfTheDatabaseAlone_NeitherReadsNorMakesATokenTheEngineAccepts()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var record = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        var genuine = links.Token(record);
        using var copy = KeyRingRows.Provider(app.Database.OpenContext, writable: false);
        var thief = copy.GetDataProtectionProvider().CreateProtector("email.links.v1");

        Assert.ThrowsAny<CryptographicException>(() => thief.Unprotect(WebEncoders.Base64UrlDecode(genuine)));
        Assert.ThrowsAny<CryptographicException>(() => thief.Protect(record.ToByteArray()));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync($"/email/unsubscribe/{genuine}")).StatusCode);
    }
}

public sealed class KeyEncryptionFacts_OnSqlite(SqliteApp app) : KeyEncryptionFacts<SqliteApp>(app);

public sealed class KeyEncryptionFacts_OnPostgres(PostgresApp app) : KeyEncryptionFacts<PostgresApp>(app);
