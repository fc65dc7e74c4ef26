using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>A message that may be sent, but not yet: when, and why.</summary>
public sealed record Deferral(DateTimeOffset Until, string Reason);

/// <summary>
/// Applies send windows and frequency caps at the moment of sending, after the gate allowed a message:
/// a message due in a closed window or over its cap is deferred to when it may go, never dropped (R59, R63).
/// </summary>
public sealed class SendPacing(SendPolicy policy)
{
    /// <summary>The records of <paramref name="allowed"/> that must wait, with one query per batch for the caps.</summary>
    public async Task<IReadOnlyDictionary<Guid, Deferral>> DeferralsAsync(MarketingDbContext db, string channel, IReadOnlyList<SendRecord> allowed,
        IReadOnlyDictionary<Guid, Person> people, DateTimeOffset now, CancellationToken ct)
    {
        var deferred = new Dictionary<Guid, Deferral>();
        foreach (var record in allowed)
        {
            // Working out a zone parses the phone number: only for messages a window may hold.
            if (people.GetValueOrDefault(record.PersonId) is not { } person || !policy.Windows(person.Regime, channel, record.MessageType))
            {
                continue;
            }

            var zones = policy.ZonesFor(person.TimeZone, person.Regime, person.Phone);
            if (policy.NextSlot(person.Regime, channel, record.MessageType, zones, now) is { } slot)
            {
                deferred[record.Id] = new Deferral(slot,
                    $"outside the {SendPolicy.Jurisdiction(person.Regime)} {channel} window for {record.MessageType} ({string.Join(", ", zones.Select(z => z.Id))})");
            }
        }

        if (!policy.Caps.TryGetValue(channel, out var cap))
        {
            return deferred;
        }

        var capped = allowed.Where(r => r.MessageType == MessageTypes.Marketing && !deferred.ContainsKey(r.Id)).ToList();
        var personIds = capped.Select(r => r.PersonId).Distinct().ToList();
        if (personIds.Count == 0)
        {
            return deferred;
        }

        var since = now - cap.Period;
        var inThisPass = allowed.Select(r => r.Id).ToList();
        // Messages another pass holds right now (or lost mid-send) count too: two passes must not both send the one over the cap.
        var sent = (await db.SendRecords.AsNoTracking()
                .Where(r => personIds.Contains(r.PersonId) && r.Channel == channel && r.MessageType == MessageTypes.Marketing
                    && ((r.Status == SendStatuses.Sent && r.SentAt >= since)
                        || ((r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver || r.Status == SendStatuses.Interrupted) && r.ClaimedAt >= since && !inThisPass.Contains(r.Id))))
                .Select(r => new { r.PersonId, At = r.SentAt ?? r.ClaimedAt })
                .ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => r.At!.Value);
        foreach (var (id, until) in cap.Holds(capped, sent, now))
        {
            deferred[id] = new Deferral(until, $"frequency cap {cap.Count} per {cap.Period.TotalHours:0}h on {channel} reached");
        }

        return deferred;
    }

    /// <summary>Messages deferred for a reason that no longer holds (a pause acknowledged, a domain verified): due now. Returns how many.</summary>
    public static Task<int> ReleaseAsync(MarketingDbContext db, string channel, string reasonPrefix, DateTimeOffset now, CancellationToken ct) =>
        db.SendRecords
            .Where(r => r.Status == SendStatuses.Queued && r.Channel == channel && r.Decision == SendDecisions.Deferred
                && r.DecisionReason!.StartsWith(reasonPrefix) && r.DueAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAt, now), ct);

    /// <summary>Back to the queue for later; the claim that found it too early is not an attempt.</summary>
    public static void Defer(SendRecord record, Deferral deferral)
    {
        record.Status = SendStatuses.Queued;
        record.DueAt = deferral.Until;
        record.Attempts = Math.Max(0, record.Attempts - 1);
        record.ClaimedBy = null;
        record.Decision = SendDecisions.Deferred;
        record.DecisionReason = SendRecord.Cut(deferral.Reason, 200);
    }
}

public static class SendDecisions
{
    public const string Deferred = "deferred";
}
