using System.Security.Cryptography;
using System.Xml.Linq;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Security;

/// <summary>
/// The data-protection key ring at rest (issue 14, item 6): kept in the database, encrypted with a key-encryption key
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
        var record = await SendRecordAsync(app);
        var genuine = links.Token(record);
        using var copy = CopyOfTheDatabase(app.Database.OpenContext);
        var thief = copy.GetDataProtectionProvider().CreateProtector("email.links.v1");

        Assert.ThrowsAny<CryptographicException>(() => thief.Unprotect(WebEncoders.Base64UrlDecode(genuine)));
        Assert.ThrowsAny<CryptographicException>(() => thief.Protect(record.ToByteArray()));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync($"/email/unsubscribe/{genuine}")).StatusCode);
    }

    /// <summary>What a thief holds: the database's rows, and no key-encryption key. The copy never writes back.</summary>
    public static ServiceProvider CopyOfTheDatabase(Func<MarketingDbContext> open) => Provider(open, writable: false);

    public static ServiceProvider Provider(Func<MarketingDbContext> open, bool writable)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("marketing-engine");
        if (!writable)
        {
            builder.DisableAutomaticKeyGeneration();
        }

        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new RowsRepository(open, writable));
        return services.BuildServiceProvider();
    }

    public static async Task<Guid> SendRecordAsync(MarketingApp app)
    {
        var id = Guid.CreateVersion7();
        await app.InScopeAsync(async db =>
        {
            db.SendRecords.Add(new SendRecord
            {
                Id = id, Key = $"test:{id:N}", PersonId = Guid.NewGuid(), Channel = "email", MessageType = MessageTypes.Marketing,
                PurposeKey = "newsletter", TemplateKey = "welcome", Status = SendStatuses.Sent, CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private sealed class RowsRepository(Func<MarketingDbContext> open, bool writable) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = open();
            return [.. db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse)];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            if (!writable)
            {
                return;
            }

            using var db = open();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}

public sealed class KeyEncryptionFacts_OnSqlite(SqliteApp app) : KeyEncryptionFacts<SqliteApp>(app);

public sealed class KeyEncryptionFacts_OnPostgres(PostgresApp app) : KeyEncryptionFacts<PostgresApp>(app);
