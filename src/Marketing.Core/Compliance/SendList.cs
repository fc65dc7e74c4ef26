using System.Runtime.CompilerServices;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Reports;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Which sends export E2 covers: one campaign's messages — a sequence's, of one step when given, or a broadcast's — in a
/// period when given.
/// <paramref name="IncludeRestricted"/>: people whose processing is restricted are in the DPO's exports only (R39).
/// </summary>
public sealed record SendListFilter(string? Sequence, string? Step, DateTimeOffset? From, DateTimeOffset? To, bool IncludeRestricted = true, string? Broadcast = null);

/// <summary>
/// One recipient of a sequence step or a broadcast (<c>broadcast:{key}</c> in <see cref="Sequence"/>, its A/B variant in
/// <see cref="Step"/>) as export E2 shows it (R2, invariant 5): the step and its template, the message's
/// type and channel, the recipient (identifier while they exist, the address's keyed hash always), their regime, the
/// basis the gate relied on (<c>consent_event</c> with the ledger event's id, <c>legitimate_interest</c> with the purpose,
/// regime and balancing-test reference, <c>customer_exception</c> with the order's id) or why it blocked, when it was
/// dispatched, what became of it, and whether an unsubscribe, objection or complaint on the address came later.
/// </summary>
public sealed record SendListRow(
    string Sequence,
    int Version,
    string? Step,
    Guid SendId,
    string Template,
    string MessageType,
    string Channel,
    string? Purpose,
    Guid PersonId,
    string? Identifier,
    string? AddressHash,
    string? Regime,
    string? Decision,
    string? BasisType,
    string? BasisRecordId,
    string? DecisionReason,
    DateTimeOffset CreatedAtUtc,
    DateTimeOffset? DecidedAtUtc,
    DateTimeOffset? DispatchedAtUtc,
    string Status,
    string? DeliveryStatus,
    DateTimeOffset? ClickedAtUtc,
    bool OptOutLater);

public static class SendList
{
    public const int MaxStepLength = 64;

    public const string BroadcastPrefix = "broadcast:";

    /// <summary>The filter's problem as (field, message), or null; the sequence or the broadcast must exist.</summary>
    public static async Task<Refusal?> CheckAsync(MarketingDbContext db, SendListFilter filter, CancellationToken ct)
    {
        if (filter.Broadcast is not null)
        {
            if (filter.Sequence is not null || filter.Step is not null)
            {
                return Refusal.Field("broadcast", "lists one campaign: give a broadcast or a sequence (and step), not both");
            }

            if (filter.From is { } bf && filter.To is { } bt && bt <= bf)
            {
                return Refusal.Field("to", "must be after from");
            }

            return await db.Broadcasts.AnyAsync(b => b.Key == filter.Broadcast, ct) ? null : Refusal.Field("broadcast", $"no broadcast '{filter.Broadcast}'");
        }

        if (string.IsNullOrWhiteSpace(filter.Sequence))
        {
            return Refusal.Field("sequence", "is required: the key of the sequence (or the broadcast) whose sends to list");
        }

        if (filter.Step is { Length: 0 or > MaxStepLength })
        {
            return Refusal.Field("step", $"must be a step id of 1 to {MaxStepLength} characters");
        }

        if (filter.From is { } f && filter.To is { } t && t <= f)
        {
            return Refusal.Field("to", "must be after from");
        }

        return await db.Sequences.AnyAsync(s => s.Key == filter.Sequence, ct) ? null : Refusal.Field("sequence", $"no sequence '{filter.Sequence}'");
    }

    /// <summary>The sends in creation order, streamed with their person read in the same query: memory stays flat.</summary>
    public static async IAsyncEnumerable<SendListRow> StreamAsync(MarketingDbContext db, SendListFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        // The campaign's messages (CampaignSends: the same filter its report counts), with the sequence version of each.
        string campaign;
        IQueryable<SendRecord> ofCampaign;
        if (filter.Broadcast is { } broadcastKey)
        {
            var broadcast = await db.Broadcasts.AsNoTracking().SingleAsync(b => b.Key == broadcastKey, ct);
            campaign = BroadcastPrefix + broadcast.Key;
            ofCampaign = CampaignSends.OfBroadcast(db, broadcast.Id);
        }
        else
        {
            var sequence = await db.Sequences.AsNoTracking().SingleAsync(s => s.Key == filter.Sequence, ct);
            campaign = sequence.Key;
            ofCampaign = CampaignSends.OfSequence(db, sequence.Id);
        }

        var sends = from s in ofCampaign.AsNoTracking()
                    join e in db.Enrolments on s.EnrolmentId equals (Guid?)e.Id into enrolment
                    from e in enrolment.DefaultIfEmpty()
                    select new { Send = s, Version = e == null ? 0 : e.Version };
        if (filter.Step is { } step)
        {
            var suffix = $":{step}";
            sends = sends.Where(x => x.Send.Key.EndsWith(suffix));
        }

        if (filter.From is { } from)
        {
            sends = sends.Where(x => x.Send.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            sends = sends.Where(x => x.Send.CreatedAt < to);
        }

        if (!filter.IncludeRestricted)
        {
            sends = sends.Where(x => !db.People.Any(p => p.Id == x.Send.PersonId && p.RestrictedAt != null));
        }

        string[] optOuts = [SuppressionReasons.Unsubscribe, SuppressionReasons.Objection, SuppressionReasons.Complaint];
        var rows = from x in sends
                   join p in db.People on x.Send.PersonId equals p.Id into found
                   from p in found.DefaultIfEmpty()
                   orderby x.Send.CreatedAt, x.Send.Id
                   select new
                   {
                       x.Send, x.Version, Email = p == null ? null : p.Email, Phone = p == null ? null : p.Phone, Regime = p == null ? null : p.Regime,
                       OptOutLater = db.Suppressions.Any(o => o.AddressHash == x.Send.AddressHash && optOuts.Contains(o.Reason) && o.CreatedAt > x.Send.CreatedAt),
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var s = r.Send;
            var parts = s.Key.Split(':', 4);
            var stepOrVariant = filter.Broadcast is null ? (parts.Length == 4 ? parts[3] : null) : s.Variant;
            yield return new SendListRow(campaign, r.Version, stepOrVariant, s.Id, s.TemplateKey, s.MessageType, s.Channel, s.PurposeKey,
                s.PersonId, s.Channel == ChannelKeys.Email ? r.Email : r.Phone, s.AddressHash, r.Regime, s.Decision, s.EvidenceKind, s.EvidenceId, s.DecisionReason,
                s.CreatedAt, s.DecidedAt, s.SentAt, s.Status, s.DeliveryStatus, s.ClickedAt, r.OptOutLater);
        }
    }
}
