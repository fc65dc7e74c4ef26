using System.Security.Cryptography;
using Marketing.Data;
using Marketing.Server.Channels.Email;
using Marketing.Server.Hosting;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>What every node of the engine reads from the shared key ring: only keys wrapped with its KEK.</summary>
public abstract class KeyRingFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task KeyPlantedInClear_IsIgnoredByEveryNode()
    {
        var record = await KeyRingRows.SentRecordAsync(app.Database.OpenContext);
        // Whoever can write the database adds a key of their own, in clear, the way a node without the key-encryption key would.
        using var forger = KeyRingRows.Provider(app.Database.OpenContext, writable: true);
        var forged = WebEncoders.Base64UrlEncode(forger.GetDataProtectionProvider().CreateProtector("email.links.v1").Protect(record.ToByteArray()));

        var links = EngineNode.Links(app, app.Services.GetRequiredService<KeyEncryptionKeys>());

        Assert.False(links.TryRead(forged, out _));
        Assert.True(links.TryRead(links.Token(record), out var read));
        Assert.Equal(record, read);
    }
}

public sealed class KeyRingFacts_OnSqlite(SqliteApp app) : KeyRingFacts<SqliteApp>(app);

public sealed class KeyRingFacts_OnPostgres(PostgresApp app) : KeyRingFacts<PostgresApp>(app);

/// <summary>Changing the KEK: the previous one is given beside the new one for one start, which wraps every key again.</summary>
public abstract class KeyRotationFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task KeysWrappedWithThePreviousKek_AreWrappedWithTheNewOne_AndEarlierLinksStillRead()
    {
        var links = app.Services.GetRequiredService<EmailLinks>();
        var record = Guid.NewGuid();
        var earlierLink = links.Token(record);
        var previous = app.Services.GetRequiredService<KeyEncryptionKeys>();
        var next = new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), [previous.Current]);

        var rewrapped = await app.InScopeAsync(db => DatabaseXmlRepository.WrapStoredKeysAsync(db, next, CancellationToken.None));
        var again = await app.InScopeAsync(db => DatabaseXmlRepository.WrapStoredKeysAsync(db, next, CancellationToken.None));

        Assert.True(rewrapped > 0);
        Assert.Equal(0, again);
        var onlyTheNewKek = new KeyEncryptionKeys(next.Current, []);
        Assert.True(EngineNode.Links(app, onlyTheNewKek).TryRead(earlierLink, out var read));
        Assert.Equal(record, read);
        Assert.False(EngineNode.Links(app, new KeyEncryptionKeys(previous.Current, [])).TryRead(earlierLink, out _));
    }
}

public sealed class KeyRotationFacts_OnSqlite(SqliteApp app) : KeyRotationFacts<SqliteApp>(app);

public sealed class KeyRotationFacts_OnPostgres(PostgresApp app) : KeyRotationFacts<PostgresApp>(app);

public static class EngineNode
{
    /// <summary>The links of a node started now with these keys: it reads the key ring from the database afresh.</summary>
    public static EmailLinks Links(MarketingApp app, KeyEncryptionKeys keys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(app.Services.GetRequiredService<ResolvedSettings>());
        var connection = app.InScope(db => db.Database.GetConnectionString())!;
        services.AddDbContext<MarketingDbContext>(o => o.UseMarketingDatabase(app.Provider, connection));
        DatabaseXmlRepository.AddSharedDataProtection(services, keys);
        // The campaign-level links are signed with the address hasher's key, which is a setting, the same on every node.
        services.AddSingleton(app.Services.GetRequiredService<Marketing.Suppression.AddressHasher>());
        services.AddSingleton<EmailLinks>();
        return services.BuildServiceProvider().GetRequiredService<EmailLinks>();
    }
}
