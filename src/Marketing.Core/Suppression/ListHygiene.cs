using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Suppression;

/// <summary>
/// A bounce or complaint as it arrived, kept so that soft bounces can be counted per address and complaints per
/// sending domain (R69). Like the suppression list it holds the address's keyed hash, never the address.
/// </summary>
public sealed class DeliveryFeedback
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string AddressHash { get; init; }
    /// <summary>The Message-ID of the message the report is about, when the report names it.</summary>
    public string? MessageId { get; init; }
    /// <summary>The domain of the From the reported message left with.</summary>
    public required string SendingDomain { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public required string Source { get; init; }
}

/// <summary>Marketing email from one domain held back because too many people reported it as spam (R69).</summary>
public sealed class SendingPause
{
    public Guid Id { get; init; }
    public required string Domain { get; init; }
    public DateTimeOffset PausedAt { get; init; }
    public int Complaints { get; init; }
    public int Sent { get; init; }
    public double ComplaintRate { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }
}

/// <summary>Thresholds of the complaint-rate guard and of the soft-bounce rule.</summary>
public sealed record HygieneRules(double WarnRate, double PauseRate, int MinimumVolume, int SoftBounceLimit, TimeSpan SoftBounceWindow);

/// <summary>Complaints over messages sent from one domain within a window.</summary>
public sealed record ComplaintRate(string Domain, int Sent, int Complaints)
{
    public double Rate => Sent == 0 ? 0 : (double)Complaints / Sent;
}

/// <summary>
/// List hygiene for email (R69): soft bounces suppress an address once they repeat, and the complaint rate of
/// each sending domain over the last 24 hours is watched as complaints arrive. At the warning rate an audit entry
/// says so; at the pause rate new marketing mail from the marketing domain waits (deferred, never dropped) until an
/// admin acknowledges (the transactional stream is only warned about: what it carries is owed). Below the minimum
/// volume a rate says too little to act on.
/// </summary>
public sealed class ListHygiene(HygieneRules rules, string marketingDomain, string transactionalDomain)
{
    public const string WarningAction = "email.complaint_rate_warning";
    public const string PausedAction = "email.marketing_paused";
    public const string AcknowledgedAction = "email.marketing_pause_acknowledged";
    /// <summary>Starts the reason of every message the pause holds back, so that an acknowledgement finds them.</summary>
    public const string PauseReasonPrefix = "marketing email paused";

    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(24);
    /// <summary>How long a paused message waits before it is looked at again: the acknowledgement is what brings it forward.</summary>
    public static readonly TimeSpan PauseRecheck = TimeSpan.FromDays(1);

    public HygieneRules Rules => rules;
    public string MarketingDomain => marketingDomain;

    public IReadOnlyList<string> Domains => marketingDomain == transactionalDomain ? [marketingDomain] : [marketingDomain, transactionalDomain];

    public string DomainFor(string messageType) => messageType == MessageTypes.Marketing ? marketingDomain : transactionalDomain;

    private IReadOnlyList<string> MessageTypesFrom(string domain) => [.. MessageTypes.All.Where(t => DomainFor(t) == domain)];

    /// <summary>Soft bounces of one address inside the window, those not yet saved included.</summary>
    public async Task<int> SoftBouncesAsync(MarketingDbContext db, string hash, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - rules.SoftBounceWindow;
        return await db.DeliveryFeedback.CountAsync(f => f.AddressHash == hash && f.Kind == DeliveryEventKinds.SoftBounce && f.ReceivedAt >= since, ct)
            // Not yet saved: a mailbox pass saves message by message on one context, and what it saved is counted above.
            + db.ChangeTracker.Entries<DeliveryFeedback>().Count(e => e.State == EntityState.Added
                && e.Entity.AddressHash == hash && e.Entity.Kind == DeliveryEventKinds.SoftBounce);
    }

    public async Task<ComplaintRate> RateAsync(MarketingDbContext db, string domain, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var types = MessageTypesFrom(domain);
        var sent = await db.SendRecords.CountAsync(r => r.Channel == ChannelKeys.Email && r.Status == SendStatuses.Sent
            && r.SentAt >= from && r.SentAt < to && types.Contains(r.MessageType), ct);
        var complaints = await db.DeliveryFeedback.CountAsync(f => f.SendingDomain == domain && f.Kind == DeliveryEventKinds.Complaint
            && f.ReceivedAt >= from && f.ReceivedAt < to, ct);
        return new ComplaintRate(domain, sent, complaints);
    }

    /// <summary>The rate the guard acts on: the last 24 hours, or less when an admin acknowledged a pause since.</summary>
    public async Task<ComplaintRate> CurrentRateAsync(MarketingDbContext db, string domain, DateTimeOffset now, CancellationToken ct)
    {
        var acknowledged = await db.SendingPauses.Where(p => p.Domain == domain && p.AcknowledgedAt != null)
            .MaxAsync(p => p.AcknowledgedAt, ct);
        var from = acknowledged is { } at && at > now - RateWindow ? at : now - RateWindow;
        return await RateAsync(db, domain, from, now.AddTicks(1), ct);
    }

    public static Task<SendingPause?> ActivePauseAsync(MarketingDbContext db, string domain, CancellationToken ct) =>
        db.SendingPauses.AsNoTracking().Where(p => p.Domain == domain && p.AcknowledgedAt == null).OrderBy(p => p.PausedAt).FirstOrDefaultAsync(ct);

    /// <summary>After complaints arrived for <paramref name="domain"/>: warns, or pauses its marketing mail. Saves nothing itself.</summary>
    public async Task CheckAsync(MarketingDbContext db, string domain, TimeProvider clock, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = await CurrentRateAsync(db, domain, now, ct);
        if (current.Sent < rules.MinimumVolume || current.Rate < rules.WarnRate)
        {
            return;
        }

        var figures = $"{current.Complaints} complaints over {current.Sent} messages = {current.Rate:P2}";
        if (current.Rate >= rules.PauseRate && domain == marketingDomain)
        {
            if (await ActivePauseAsync(db, domain, ct) is null && !db.SendingPauses.Local.Any(p => p.Domain == domain && p.AcknowledgedAt == null))
            {
                db.SendingPauses.Add(new SendingPause
                {
                    Id = Guid.CreateVersion7(), Domain = domain, PausedAt = now, Complaints = current.Complaints, Sent = current.Sent,
                    ComplaintRate = current.Rate,
                });
                db.AuditEntries.Add(AuditEntry.Create(clock, source, PausedAction, domain, $"{figures}, at or over {rules.PauseRate:P2} (R69)"));
            }

            return;
        }

        var since = now - RateWindow;
        if (!await db.AuditEntries.AnyAsync(a => a.Action == WarningAction && a.Target == domain && a.At >= since, ct))
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, source, WarningAction, domain, $"{figures}, at or over {rules.WarnRate:P2} (R69)"));
        }
    }

    /// <summary>How long reports are kept: the soft-bounce window, and at least the 90 days the rate report can show.</summary>
    public TimeSpan Retention => rules.SoftBounceWindow > TimeSpan.FromDays(90) ? rules.SoftBounceWindow : TimeSpan.FromDays(90);

    /// <summary>Deletes reports past <see cref="Retention"/>: what they decided lives on in the suppression list and the pauses.</summary>
    public Task<int> PurgeAsync(MarketingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var before = now - Retention;
        return db.DeliveryFeedback.Where(f => f.ReceivedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>The deferral of a marketing message while its domain is paused.</summary>
    public static Deferral Deferral(SendingPause pause, DateTimeOffset now) => new(now + PauseRecheck,
        $"{PauseReasonPrefix} on {pause.Domain}: complaint rate {pause.ComplaintRate:P2} since {pause.PausedAt:yyyy-MM-dd HH:mm}Z (R69); an admin must acknowledge");

    /// <summary>Ends the pause of <paramref name="domain"/> and brings the messages it held back to now. Null when nothing was paused.</summary>
    public static async Task<(SendingPause Pause, int Released)?> AcknowledgeAsync(MarketingDbContext db, string domain, string actor, string? note,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pauses = await db.SendingPauses.Where(p => p.Domain == domain && p.AcknowledgedAt == null).ToListAsync(ct);
        if (pauses.Count == 0)
        {
            return null;
        }

        foreach (var pause in pauses)
        {
            pause.AcknowledgedAt = now;
            pause.AcknowledgedBy = actor;
            pause.AcknowledgementNote = note is null ? null : SendRecord.Cut(note, 500);
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, AcknowledgedAction, domain, note));
        await db.SaveChangesAsync(ct);
        return (pauses[0], await SendPacing.ReleaseAsync(db, ChannelKeys.Email, $"{PauseReasonPrefix} on {domain}", now, ct));
    }
}

internal sealed class DeliveryFeedbackConfiguration : IEntityTypeConfiguration<DeliveryFeedback>
{
    public void Configure(EntityTypeBuilder<DeliveryFeedback> builder)
    {
        builder.ToTable("delivery_feedback");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasMaxLength(20);
        builder.Property(f => f.AddressHash).HasMaxLength(64);
        builder.Property(f => f.MessageId).HasMaxLength(200);
        builder.Property(f => f.SendingDomain).HasMaxLength(255);
        builder.Property(f => f.Source).HasMaxLength(120);
        builder.HasIndex(f => new { f.AddressHash, f.Kind, f.ReceivedAt });
        // One report about one message counts once, even when two deliveries of it race.
        builder.HasIndex(f => new { f.Kind, f.AddressHash, f.MessageId }).IsUnique().HasFilter("message_id IS NOT NULL");
        builder.HasIndex(f => new { f.SendingDomain, f.Kind, f.ReceivedAt });
        builder.HasIndex(f => f.ReceivedAt);
    }
}

internal sealed class SendingPauseConfiguration : IEntityTypeConfiguration<SendingPause>
{
    public void Configure(EntityTypeBuilder<SendingPause> builder)
    {
        builder.ToTable("sending_pauses");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Domain).HasMaxLength(255);
        builder.Property(p => p.AcknowledgedBy).HasMaxLength(120);
        builder.Property(p => p.AcknowledgementNote).HasMaxLength(500);
        builder.HasIndex(p => new { p.Domain, p.AcknowledgedAt });
    }
}
