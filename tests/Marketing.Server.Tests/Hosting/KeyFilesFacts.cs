using System.Net;
using System.Xml.Linq;
using Marketing.Data;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>What the embedded SQLite engine writes to its data directory is its user's alone.</summary>
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
        var record = await KeyRingRows.SentRecordAsync(database.OpenContext);

        // What the engine did before it had a KEK: a key ring in clear in the database, and a link made with it.
        string earlierLink;
        using (var earlier = KeyRingRows.Provider(database.OpenContext, writable: true))
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
