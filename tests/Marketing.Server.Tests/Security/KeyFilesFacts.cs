using System.Net;
using System.Xml.Linq;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Email;
using Marketing.Server.Hosting;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Security;

/// <summary>What the embedded SQLite engine writes to its data directory is its user's alone (issue 14, item 6).</summary>
public sealed class SqliteFileModeFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void DataFiles_DatabaseAndSecrets_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = app.Services.GetRequiredService<EmailLinks>().Token(Guid.NewGuid());
        var data = Path.Combine(app.Database.Directory, "data");

        var files = new Dictionary<string, UnixFileMode>();
        foreach (var file in Directory.GetFiles(data))
        {
            files[Path.GetFileName(file)] = File.GetUnixFileMode(file);
        }

        Assert.Superset(new HashSet<string> { "marketing.db", "jobs.db", "suppression.secret", "dataprotection.key" }, files.Keys.ToHashSet());
        Assert.All(files, f => Assert.True(f.Value == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f.Key} is {f.Value}"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
    }
}

/// <summary>The engine as an operator upgrades and configures it: keys written in clear by an earlier version, a missing KEK on PostgreSQL.</summary>
public abstract class KeyEncryptionProcessFacts(DatabaseProvider provider)
{
    [Fact]
    public async Task KeysStoredInClearByAnEarlierVersion_AreWrappedAtStart_AndItsLinksKeepWorking()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        Assert.Equal(0, (await EngineProcess.RunAsync(database.Directory, settings, "migrate")).ExitCode);
        var record = Guid.CreateVersion7();
        await using (var db = database.OpenContext())
        {
            db.SendRecords.Add(new SendRecord
            {
                Id = record, Key = $"test:{record:N}", PersonId = Guid.NewGuid(), Channel = "email", MessageType = MessageTypes.Marketing,
                PurposeKey = "newsletter", TemplateKey = "welcome", Status = SendStatuses.Sent, CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        // What the engine did before it had a KEK: a key ring in clear in the database, and a link made with it.
        string earlierLink;
        using (var earlier = KeyRingInClear(database.OpenContext))
        {
            earlierLink = WebEncoders.Base64UrlEncode(earlier.GetDataProtectionProvider().CreateProtector("email.links.v1").Protect(record.ToByteArray()));
        }

        await using var engine = await EngineProcess.StartAsync(database.Directory, settings);
        using var browser = engine.CreateClient();
        var page = await browser.GetAsync($"/email/unsubscribe/{earlierLink}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var check = database.OpenContext();
        var rows = await check.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain(XElement.Parse(r.Xml).Descendants(), e => e.Name.LocalName == "masterKey"));
    }

    private static ServiceProvider KeyRingInClear(Func<MarketingDbContext> open)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("marketing-engine");
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository = new ClearRows(open));
        return services.BuildServiceProvider();
    }

    private sealed class ClearRows(Func<MarketingDbContext> open) : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = open();
            return [.. db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse)];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var db = open();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}

public sealed class KeyEncryptionProcessFacts_OnSqlite() : KeyEncryptionProcessFacts(DatabaseProvider.Sqlite);

public sealed class KeyEncryptionProcessFacts_OnPostgres() : KeyEncryptionProcessFacts(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Start_OnPostgres_RefusesToRunWithoutAKeyEncryptionKey_InOneLineNamingTheSetting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = database.Settings();
        settings.Remove("Marketing:DataProtection:Key");

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, settings);

        Assert.Equal(2, exitCode);
        var line = Assert.Single((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Marketing:DataProtection:KeyFile", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Marketing:DataProtection:Key", "too-short", "Marketing:DataProtection:Key")]
    [InlineData("Marketing:DataProtection:KeyFile", "/no/such/kek", "Marketing:DataProtection:KeyFile")]
    [InlineData("Marketing:DataProtection:PreviousKeys:0", "not base64!", "Marketing:DataProtection:PreviousKeys:0")]
    public async Task Start_RefusesABadKeyEncryptionSetting_InOneLineNamingIt(string key, string value, string named)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = database.Settings();
        settings.Remove("Marketing:DataProtection:Key");
        settings[key] = value;

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, settings);

        Assert.Equal(2, exitCode);
        var line = Assert.Single((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }
}
