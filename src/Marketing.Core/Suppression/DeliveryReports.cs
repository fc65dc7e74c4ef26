using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Marketing.Webhooks;

namespace Marketing.Suppression;

/// <summary>A bounce or complaint about a message the engine sent.</summary>
public sealed record DeliveryEvent(string Kind, string? Recipient, string? OriginalMessageId);

public static class DeliveryEventKinds
{
    public const string HardBounce = "hard_bounce";
    public const string SoftBounce = "soft_bounce";
    public const string Complaint = "complaint";

    public static IReadOnlyList<string> All { get; } = [HardBounce, SoftBounce, Complaint];
}

/// <summary>
/// Reads delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965), as a mailbox or a
/// provider's webhook hands them over, and suppresses what they condemn (R69): a hard bounce or a
/// complaint stops every later message to the address, and so do soft bounces once they repeat.
/// </summary>
public static class DeliveryReports
{
    public static IReadOnlyList<DeliveryEvent> Parse(MimeMessage report)
    {
        var events = new List<DeliveryEvent>();
        var originalId = OriginalMessageId(report);
        foreach (var part in report.BodyParts.OfType<MimePart>())
        {
            switch (part.ContentType.MimeType.ToLowerInvariant())
            {
                case "message/delivery-status":
                    foreach (var group in Groups(part).Skip(1))
                    {
                        var action = group["Action"]?.Trim().ToLowerInvariant();
                        var status = group["Status"]?.Trim() ?? "";
                        var recipient = AddressOf(group["Final-Recipient"] ?? group["Original-Recipient"]);
                        if (action == "failed")
                        {
                            events.Add(new DeliveryEvent(status.StartsWith('4') ? DeliveryEventKinds.SoftBounce : DeliveryEventKinds.HardBounce, recipient, originalId));
                        }
                        else if (action == "delayed")
                        {
                            events.Add(new DeliveryEvent(DeliveryEventKinds.SoftBounce, recipient, originalId));
                        }
                    }

                    break;
                case "message/feedback-report":
                    var fields = Groups(part).FirstOrDefault() ?? [];
                    events.Add(new DeliveryEvent(DeliveryEventKinds.Complaint, AddressOf(fields["Original-Rcpt-To"]), originalId));
                    break;
            }
        }

        return events;
    }

    public sealed record Outcome(int Suppressed, int Noted, int Unmatched, int Repeated = 0);

    /// <summary>
    /// Records each report and applies it: a hard bounce or a complaint suppresses the address, soft bounces do once
    /// they reach the limit, and complaints are checked against the sending domain's rate. A report given twice
    /// (the same kind, address and message, as a provider's retry or a mailbox read again) counts once.
    /// </summary>
    public static async Task<Outcome> ApplyAsync(MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock,
        IReadOnlyList<DeliveryEvent> events, string source, CancellationToken ct)
    {
        try
        {
            return await ApplyOnceAsync(db, hasher, hygiene, clock, events, source, ct);
        }
        catch (DbUpdateException e) when (BulkInsert.IsUniqueViolation(e))
        {
            // The same report arrived at the same moment through another call: written again, it now finds that one.
            db.ChangeTracker.Clear();
            return await ApplyOnceAsync(db, hasher, hygiene, clock, events, source, ct);
        }
    }

    private static async Task<Outcome> ApplyOnceAsync(MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock,
        IReadOnlyList<DeliveryEvent> events, string source, CancellationToken ct)
    {
        int suppressed = 0, noted = 0, unmatched = 0, repeated = 0;
        var now = clock.GetUtcNow();
        var complainedDomains = new HashSet<string>();
        foreach (var e in events)
        {
            var messageId = e.OriginalMessageId?.Trim('<', '>', ' ');
            var record = messageId is null ? null : await db.SendRecords.SingleOrDefaultAsync(r => r.MessageId == messageId, ct);
            var hash = e.Recipient is not null && hasher.TryHash(e.Recipient, "FR", out var h) ? h : record?.AddressHash;
            if (hash is null)
            {
                unmatched++;
                continue;
            }

            if (messageId is not null && (await db.DeliveryFeedback.AnyAsync(f => f.Kind == e.Kind && f.AddressHash == hash && f.MessageId == messageId, ct)
                || db.DeliveryFeedback.Local.Any(f => f.Kind == e.Kind && f.AddressHash == hash && f.MessageId == messageId)))
            {
                repeated++;
                continue;
            }

            var domain = hygiene.DomainFor(record?.MessageType ?? MessageTypes.Marketing);
            db.DeliveryFeedback.Add(new DeliveryFeedback
            {
                Id = Guid.CreateVersion7(), Kind = e.Kind, AddressHash = hash, MessageId = messageId, SendingDomain = domain, ReceivedAt = now, Source = source,
            });

            string reason;
            if (e.Kind == DeliveryEventKinds.SoftBounce)
            {
                if (record is not null)
                {
                    record.LastError = "soft bounce reported";
                }

                if (await hygiene.SoftBouncesAsync(db, hash, now, ct) < hygiene.Rules.SoftBounceLimit)
                {
                    noted++;
                    continue;
                }

                reason = SuppressionReasons.SoftBounces;
            }
            else if (e.Kind == DeliveryEventKinds.Complaint)
            {
                complainedDomains.Add(domain);
                reason = SuppressionReasons.Complaint;
            }
            else
            {
                reason = SuppressionReasons.HardBounce;
            }

            if (!await db.Suppressions.AnyAsync(s => s.AddressHash == hash && s.Reason == reason && s.Channel == ChannelKeys.Email, ct)
                && !db.Suppressions.Local.Any(s => s.AddressHash == hash && s.Reason == reason))
            {
                WebhookOutbox.AddSuppression(db, new SuppressionEntry
                {
                    Id = Guid.CreateVersion7(), AddressHash = hash, Channel = ChannelKeys.Email, Scope = SuppressionEntry.AnyPurpose,
                    Reason = reason, Source = source, CreatedAt = now,
                });
                db.AuditEntries.Add(AuditEntry.Create(clock, source, "suppression.added", hash, $"{reason} (message {messageId ?? "unknown"})"));
            }

            suppressed++;
        }

        await db.SaveChangesAsync(ct);
        foreach (var domain in complainedDomains)
        {
            await hygiene.CheckAsync(db, domain, clock, source, ct);
        }

        await db.SaveChangesAsync(ct);
        return new Outcome(suppressed, noted, unmatched, repeated);
    }

    private static string? OriginalMessageId(MimeMessage report)
    {
        foreach (var part in report.BodyParts)
        {
            if (part is MessagePart { Message: { } original })
            {
                return original.MessageId;
            }

            if (part is MimePart text && text.ContentType.MimeType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
            {
                return Groups(text).FirstOrDefault()?["Message-ID"]?.Trim();
            }
        }

        return null;
    }

    /// <summary>The blank-line separated header blocks of a report part.</summary>
    private static List<HeaderList> Groups(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray()).ReplaceLineEndings("\n");
        var groups = new List<HeaderList>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(block.ReplaceLineEndings("\r\n") + "\r\n\r\n"));
            groups.Add(HeaderList.Load(stream));
        }

        return groups;
    }

    /// <summary>"rfc822; ana@example.com" → "ana@example.com".</summary>
    private static string? AddressOf(string? field) =>
        field is null ? null : (field.Contains(';', StringComparison.Ordinal) ? field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..] : field).Trim().Trim('<', '>');
}
