using Marketing.Common;
using Marketing.Consent;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Consent;

/// <summary>
/// Publishing a notice's wording, the proof behind invariant 5: each version keeps the exact text and its hash,
/// and a later one never changes an earlier one. Called as the API, the web app and the CLI call it.
/// </summary>
public abstract class NoticeVersionFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Publish_KeepsEachWordingAsItsOwnVersion_WithTheHashOfItsText()
    {
        var key = await CreateNoticeAsync(NoticeKinds.Consent);

        var first = await PublishAsync(key, new("en", "Send me the monthly newsletter.", null));
        var second = await PublishAsync(key, new("en", "Send me the newsletter, once a month.", null));
        var french = await PublishAsync(key, new("fr", "Envoyez-moi la lettre mensuelle.", null));

        Assert.Equal((1, "4544e04ce55f140fafcf7bb7c96e3c1fa059a15d88ba4b0387bf2bc8d03b0308"), (first.Value.Version, first.Value.Sha256));
        Assert.Equal((2, "ffac7f74acd5eaea1e65f9de2ca10452f802f6847555be26575ed5822179bac4"), (second.Value.Version, second.Value.Sha256));
        Assert.Equal(1, french.Value.Version);
        await using var check = database.OpenContext();
        var kept = await check.NoticeVersions.SingleAsync(v => v.Id == first.Value.Id);
        Assert.Equal("Send me the monthly newsletter.", kept.Text);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "notice.version_published" && a.Target == $"{key}/en@2"));
    }

    [Fact]
    public async Task Publish_RefusesAPrivacyNoticeWithoutItsUrl_AndStoresNothing()
    {
        var key = await CreateNoticeAsync(NoticeKinds.Privacy);

        var outcome = await PublishAsync(key, new("en", "We keep your email for two years.", null));

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(new[] { "url" }, invalid.Errors.Keys);
        await using var check = database.OpenContext();
        Assert.False(await check.NoticeVersions.AnyAsync(v => check.Notices.Any(n => n.Id == v.NoticeId && n.Key == key)));
    }

    [Theory]
    [InlineData(null, "Some wording.", "locale")]
    [InlineData("en", "   ", "text")]
    [InlineData("en", "Some wording.", "url", "ftp://example.com/notice")]
    public async Task Publish_NamesTheFieldAtFault(string? locale, string text, string field, string? url = null)
    {
        var key = await CreateNoticeAsync(NoticeKinds.Consent);

        var outcome = await PublishAsync(key, new(locale, text, url));

        Assert.Equal(new[] { field }, Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys);
    }

    [Fact]
    public async Task Publish_IsNotFound_ForANoticeNeverCreated()
    {
        var outcome = await PublishAsync("never_created", new("en", "Some wording.", null));

        Assert.IsType<Refusal.NotFound>(outcome.Refusal);
    }

    [Fact]
    public async Task CreateNotice_NeverChangesTheKindOfANoticeThatExists()
    {
        var key = await CreateNoticeAsync(NoticeKinds.Privacy);
        await using var db = database.OpenContext();

        var outcome = await CreateNotice.HandleAsync(db, database.Clock, key, NoticeKinds.Consent, "key:ops", CancellationToken.None);

        Assert.Equal(new[] { "kind" }, Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys);
        await using var check = database.OpenContext();
        Assert.Equal(NoticeKinds.Privacy, (await check.Notices.SingleAsync(n => n.Key == key)).Kind);
    }

    private async Task<string> CreateNoticeAsync(string kind)
    {
        var key = $"notice_{Guid.NewGuid():N}"[..30];
        await using var db = database.OpenContext();
        Assert.True((await CreateNotice.HandleAsync(db, database.Clock, key, kind, "key:ops", CancellationToken.None)).Value.IsNew);
        return key;
    }

    private async Task<Outcome<NoticeVersion>> PublishAsync(string key, PublishNoticeVersion.Command command)
    {
        await using var db = database.OpenContext();
        return await PublishNoticeVersion.HandleAsync(db, database.Clock, key, command, "key:ops", CancellationToken.None);
    }
}

public sealed class NoticeVersionFacts_OnSqlite(SqliteDatabase database) : NoticeVersionFacts<SqliteDatabase>(database);

public sealed class NoticeVersionFacts_OnPostgres(PostgresDatabase database) : NoticeVersionFacts<PostgresDatabase>(database);
