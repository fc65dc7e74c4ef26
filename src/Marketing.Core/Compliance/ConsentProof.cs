using System.Runtime.CompilerServices;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Which consent events an export covers. Every filter is optional and they combine. <paramref name="IncludeRestricted"/>:
/// people whose processing is restricted are in the DPO's exports only (R39).
/// </summary>
public sealed record ProofFilter(Guid? PersonId, DateTimeOffset? From, DateTimeOffset? To, string? FormId, string? Purpose, bool IncludeRestricted = true);

/// <summary>One consent event as export E1 shows it: the proof, with the wording the person saw.</summary>
public sealed record ProofRow(
    Guid EventId,
    Guid PersonId,
    long Sequence,
    string Identifier,
    string IdentifierType,
    Guid PurposeId,
    string Purpose,
    string PurposeLabel,
    string Channel,
    string Regime,
    string Status,
    string Method,
    DateTimeOffset OccurredAtUtc,
    int? LocalOffsetMinutes,
    Guid? NoticeVersionId,
    int? NoticeVersion,
    string? NoticeSha256,
    string? NoticeText,
    string? Locale,
    string? FormId,
    int? FormVersion,
    string? PageUrl,
    string? Referrer,
    int? PrivacyNoticeVersion,
    string? PrivacyNoticeUrl,
    string? IpAddress,
    string? UserAgent,
    Guid? SubmissionId,
    string? PreviousHash,
    string Hash,
    string HashCheck);

/// <summary>
/// One send of the people an export covers (invariant 5): what the gate decided and what it relied on — the consent
/// event, the legitimate-interest assessment, the order of the customer exception, or the reference a transactional
/// message is about.
/// </summary>
public sealed record SendProofRow(
    Guid SendId,
    Guid PersonId,
    string Channel,
    string MessageType,
    string? Purpose,
    string Template,
    string? Reference,
    string Status,
    string? Decision,
    string? DecisionReason,
    string? EvidenceKind,
    string? EvidenceId,
    DateTimeOffset CreatedAtUtc,
    DateTimeOffset? DecidedAtUtc,
    DateTimeOffset? SentAtUtc);

public static class ConsentProof
{
    /// <summary>
    /// The sends of the export's people, streamed in creation order: of one person, of the people who signed up on
    /// the form, or of everyone; in the time window and of the purpose when given.
    /// </summary>
    public static async IAsyncEnumerable<SendProofRow> StreamSendsAsync(MarketingDbContext db, ProofFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = db.SendRecords.AsNoTracking();
        if (!filter.IncludeRestricted)
        {
            query = query.Where(s => !db.People.Any(p => p.Id == s.PersonId && p.RestrictedAt != null));
        }

        if (filter.PersonId is { } person)
        {
            query = query.Where(s => s.PersonId == person);
        }

        if (filter.FormId is { } form)
        {
            query = query.Where(s => db.ConsentEvents.Any(e => e.PersonId == s.PersonId && e.FormId == form));
        }

        if (filter.From is { } from)
        {
            query = query.Where(s => s.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.CreatedAt < to);
        }

        if (filter.Purpose is { } purposeKey)
        {
            query = query.Where(s => s.PurposeKey == purposeKey);
        }

        await foreach (var s in query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new SendProofRow(s.Id, s.PersonId, s.Channel, s.MessageType, s.PurposeKey, s.TemplateKey, s.Reference, s.Status,
                s.Decision, s.DecisionReason, s.EvidenceKind, s.EvidenceId, s.CreatedAt, s.DecidedAt, s.SentAt);
        }
    }

    /// <summary>
    /// Streams the matching events in ledger order; memory stays flat whatever their number. Purposes and
    /// notice texts, a few hundred at most, are read first: PostgreSQL runs one command at a time on a
    /// connection, so nothing else may be queried while the events stream.
    /// </summary>
    public static async IAsyncEnumerable<ProofRow> StreamAsync(MarketingDbContext db, ProofFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var notices = await db.NoticeVersions.AsNoTracking().ToDictionaryAsync(v => v.Id, ct);

        var query = db.ConsentEvents.AsNoTracking();
        if (!filter.IncludeRestricted)
        {
            query = query.Where(e => !db.People.Any(p => p.Id == e.PersonId && p.RestrictedAt != null));
        }

        if (filter.PersonId is { } person)
        {
            query = query.Where(e => e.PersonId == person);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        if (filter.FormId is { } form)
        {
            query = query.Where(e => e.FormId == form);
        }

        if (filter.Purpose is { } purposeKey)
        {
            query = query.Where(e => e.PurposeKey == purposeKey);
        }

        await foreach (var e in query.OrderBy(e => e.PersonId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            var notice = e.NoticeVersionId is { } n ? notices.GetValueOrDefault(n) : null;
            var privacy = e.PrivacyNoticeVersionId is { } pv ? notices.GetValueOrDefault(pv) : null;
            var label = purposes.TryGetValue(e.PurposeId, out var p) ? p.NameIn(e.Locale ?? "en") : e.PurposeKey;
            yield return new ProofRow(
                e.Id, e.PersonId, e.Sequence, e.Identifier, e.IdentifierType, e.PurposeId, e.PurposeKey, label, e.Channel, e.Regime,
                e.Status, e.Method, e.OccurredAt, e.LocalOffsetMinutes, e.NoticeVersionId, e.NoticeVersion, e.NoticeSha256, notice?.Text,
                e.Locale, e.FormId, e.FormVersion, e.PageUrl, e.Referrer, e.PrivacyNoticeVersion, privacy?.Url, e.IpAddress, e.UserAgent,
                e.SubmissionId, e.PreviousHash, e.Hash, LedgerHash.Compute(e) == e.Hash ? "ok" : "altered");
        }
    }
}
