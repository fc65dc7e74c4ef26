using System.Text.RegularExpressions;
using Marketing.Core.Tests.Docs;

namespace Marketing.Core.Tests.Data;

/// <summary>
/// The append-only tables (the consent ledger R15, published versions, cookie-consent records R28, the audit log R49)
/// are guarded by MarketingDbContext.RefuseChangesToAppendOnlyRows for tracked changes; a bulk update or delete
/// bypasses it, so this scan allows one only where a rule does: the purge of unconfirmed sign-ups, the audit log's
/// 12-month retention and the ledger's tombstones (an erasure's, or consent proof past its period).
/// </summary>
public sealed partial class AppendOnlyFacts
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        // R14/R34: a sign-up never confirmed is removed with its pending ledger events.
        ["Consent/PurgeUnconfirmed.cs"] = ["ConsentEvents ExecuteDelete"],
        // R49: audit entries past 12 months.
        ["Access/PurgeAuditLog.cs"] = ["AuditEntries ExecuteDelete"],
        // R38: an erasure removes the person's cookie-consent records.
        ["Compliance/ErasePerson.cs"] = ["CookieConsentRecords ExecuteDelete"],
        // R38, R41, ADR 16: an erasure, or the end of consent proof's period, tombstones ledger events (their hashes still
        // verify); no row is deleted.
        ["Compliance/LedgerTombstones.cs"] = ["ConsentEvents ExecuteUpdate"],
    };

    [Theory]
    [InlineData("await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(ct);", "AuditEntries ExecuteDelete")]
    [InlineData("await db.ConsentEvents\n    .Where(e => e.Id == id)\n    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, \"x\"), ct);", "ConsentEvents ExecuteUpdate")]
    [InlineData("db.Database.ExecuteSqlRawAsync(\"DELETE FROM audit_log\");", "audit_log ExecuteSql")]
    public void Scan_FindsABulkChangeOfAnAppendOnlyTable(string source, string expected) =>
        Assert.Contains(expected, BulkChanges(source));

    [Theory]
    [InlineData("await db.SendRecords.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.DueAt, now), ct);")]
    [InlineData("var any = await db.AuditEntries.AnyAsync(a => a.Action == x, ct); await db.People.ExecuteDeleteAsync(ct);")]
    public void Scan_LeavesOtherTablesAlone(string source) =>
        Assert.Empty(BulkChanges(source));

    [Fact]
    public void AppendOnlyTables_AreChangedInBulk_OnlyWhereARuleAllows()
    {
        var core = Path.Combine(RepositoryFiles.Root, "src", "Marketing.Core");
        var found = RepositoryFiles.Under(Path.Combine("src", "Marketing.Core"), ".cs")
            .SelectMany(file => BulkChanges(File.ReadAllText(file)).Select(change => (File: Path.GetRelativePath(core, file).Replace('\\', '/'), Change: change)))
            .Where(f => !(Allowed.TryGetValue(f.File, out var allowed) && allowed.Contains(f.Change)))
            .Select(f => $"{f.File}: {f.Change}")
            .ToList();

        Assert.True(found.Count == 0, "Append-only rows changed in bulk:\n" + string.Join('\n', found));
    }

    private static readonly string[] Sets = ["ConsentEvents", "NoticeVersions", "FormVersions", "BannerVersions", "CookieConsentRecords", "SequenceVersions", "AuditEntries"];
    private static readonly string[] Tables = ["consent_events", "notice_versions", "form_versions", "banner_versions", "cookie_consent_records", "sequence_versions", "audit_log"];

    /// <summary>Each statement that bulk-changes one of the sets, or runs SQL naming one of the tables.</summary>
    private static List<string> BulkChanges(string source) =>
        [.. Statement().Matches(source).Select(m => m.Value).SelectMany(statement =>
            Sets.Where(set => Regex.IsMatch(statement, $@"\b{set}\b[\s\S]*\.Execute(Update|Delete)Async?\s*\("))
                .Select(set => $"{set} {Regex.Match(statement, @"Execute(Update|Delete)").Value}")
                .Concat(Tables.Where(table => statement.Contains("ExecuteSql", StringComparison.Ordinal) && statement.Contains(table, StringComparison.Ordinal))
                    .Select(table => $"{table} ExecuteSql")))];

    [GeneratedRegex(@"[^;{}]+;", RegexOptions.CultureInvariant)]
    private static partial Regex Statement();
}
