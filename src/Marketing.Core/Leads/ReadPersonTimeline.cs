using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Channels.Sms;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// A person as the people page shows them: what is stored, their consent states, and one timeline, newest first, of
/// every ledger event with the wording they saw, each send with the gate's decision and reason, clicks, SMS replies,
/// suppressions of their addresses (found by the keyed hash, R34) and orders. Each kind is read by the person's index
/// (suppressions by the address hash's), at most <see cref="MaxPerKind"/> of each, the newest.
/// </summary>
public static class ReadPersonTimeline
{
    public const int MaxPerKind = 500;

    public static class Kinds
    {
        public const string Consent = "consent";
        public const string Send = "send";
        public const string Click = "click";
        public const string SmsReply = "sms_reply";
        public const string Suppression = "suppression";
        public const string Order = "order";
    }

    public sealed record ConsentStateRow(string Purpose, string PurposeName, string Channel, string Status, DateTimeOffset UpdatedAt);

    /// <summary>
    /// One line of the timeline. <paramref name="Subject"/> is the purpose (consent), template (send, click), keyword
    /// (reply), reason (suppression) or reference (order); <paramref name="Outcome"/> the status, decision or category;
    /// <paramref name="Detail"/> the gate's reason, the method, the source or the scope; <paramref name="Wording"/> the
    /// notice the person saw, with its version and hash.
    /// </summary>
    public sealed record Entry(DateTimeOffset At, string Kind, string Subject, string? Channel, string? Outcome, string? Detail,
        Wording? Wording = null, Guid? Id = null);

    public sealed record Wording(int Version, string Sha256, string Text, string? Locale);

    public sealed record Timeline(Person Person, string? Name, IReadOnlyList<ConsentStateRow> Consents, IReadOnlyList<Entry> Entries, bool Truncated);

    /// <param name="dpo">Whether the reader holds the DPO role: the only one who reads a restricted person (R39).</param>
    public static async Task<Timeline?> HandleAsync(MarketingDbContext db, AddressHasher hasher, Guid personId, string locale, bool dpo, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return null;
        }

        if (!RestrictedReads.MayRead(person.RestrictedAt is not null, dpo))
        {
            return new Timeline(RestrictedReads.Conceal(person), null, [], [], false);
        }

        var purposes = await db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var states = await db.ConsentStates.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(ct);
        var consents = states
            .Select(s => purposes.TryGetValue(s.PurposeId, out var p)
                ? new ConsentStateRow(p.Key, p.NameIn(locale), s.Channel, s.Status, s.UpdatedAt)
                : new ConsentStateRow(s.PurposeId.ToString(), s.PurposeId.ToString(), s.Channel, s.Status, s.UpdatedAt))
            .OrderBy(s => s.Purpose, StringComparer.Ordinal).ThenBy(s => s.Channel, StringComparer.Ordinal).ToList();

        var entries = new List<Entry>();
        var truncated = false;

        var events = await db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId)
            .OrderByDescending(e => e.Sequence).Take(MaxPerKind + 1).ToListAsync(ct);
        var noticeIds = events.Select(e => e.NoticeVersionId).OfType<Guid>().Distinct().ToList();
        var notices = await db.NoticeVersions.AsNoTracking().Where(v => noticeIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        truncated |= events.Count > MaxPerKind;
        entries.AddRange(events.Take(MaxPerKind).Select(e => new Entry(e.OccurredAt, Kinds.Consent,
            purposes.TryGetValue(e.PurposeId, out var p) ? p.NameIn(locale) : e.PurposeKey, e.Channel, e.Status, e.Method,
            e.NoticeVersionId is { } n && notices.TryGetValue(n, out var v) ? new Wording(v.Version, v.Sha256, v.Text, v.Locale) : null, e.Id)));

        var sends = await db.SendRecords.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Recipient == SendRecipients.Person)
            .OrderByDescending(s => s.CreatedAt).Take(MaxPerKind + 1).ToListAsync(ct);
        truncated |= sends.Count > MaxPerKind;
        foreach (var s in sends.Take(MaxPerKind))
        {
            entries.Add(new Entry(s.DecidedAt ?? s.CreatedAt, Kinds.Send, s.TemplateKey, s.Channel, s.Status,
                s.DecisionReason ?? s.LastError, Id: s.Id));
            if (s.ClickedAt is { } clicked)
            {
                entries.Add(new Entry(clicked, Kinds.Click, s.TemplateKey, s.Channel, null, null, Id: s.Id));
            }
        }

        var replies = await db.SmsReplies.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.ReceivedAt).Take(MaxPerKind + 1).ToListAsync(ct);
        truncated |= replies.Count > MaxPerKind;
        entries.AddRange(replies.Take(MaxPerKind).Select(r => new Entry(r.ReceivedAt, Kinds.SmsReply, r.Keyword, "sms", null, null, Id: r.Id)));

        // R34: the list holds keyed hashes only; the person's own addresses, hashed, find their lines.
        var hashes = new[] { person.Email, person.Phone }.OfType<string>().Select(hasher.HashNormalized).ToList();
        var suppressions = await db.Suppressions.AsNoTracking().Where(s => hashes.Contains(s.AddressHash))
            .OrderByDescending(s => s.CreatedAt).Take(MaxPerKind + 1).ToListAsync(ct);
        truncated |= suppressions.Count > MaxPerKind;
        entries.AddRange(suppressions.Take(MaxPerKind).Select(s => new Entry(s.CreatedAt, Kinds.Suppression, s.Reason,
            s.Channel == SuppressionEntry.AnyChannel ? null : s.Channel, s.Scope == SuppressionEntry.AnyPurpose ? null : s.Scope, s.Source, Id: s.Id)));

        var orders = await db.Purchases.AsNoTracking().Where(p => p.PersonId == personId)
            .OrderByDescending(p => p.OrderedAt).Take(MaxPerKind + 1).ToListAsync(ct);
        truncated |= orders.Count > MaxPerKind;
        entries.AddRange(orders.Take(MaxPerKind).Select(o => new Entry(o.OrderedAt, Kinds.Order, o.Reference, null, o.Category,
            o.RefusedMarketing ? "refused_marketing" : o.OptOutOffered ? "opt_out_offered" : "no_opt_out_offered", Id: o.Id)));

        // Newest first; at one instant, the ledger before what rests on it.
        var ordered = entries.OrderByDescending(e => e.At).ThenBy(e => Array.IndexOf(KindOrder, e.Kind)).ToList();
        return new Timeline(person, PersonNames.Display(person.Attributes), consents, ordered, truncated);
    }

    private static readonly string[] KindOrder = [Kinds.Suppression, Kinds.Click, Kinds.SmsReply, Kinds.Send, Kinds.Order, Kinds.Consent];
}
