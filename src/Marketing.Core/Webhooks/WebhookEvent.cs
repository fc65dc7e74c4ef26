using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Webhooks;

/// <summary>
/// One event in the outbox, written in the same transaction as the change that causes it (a ledger append, a
/// suppression, an erasure…), so a node that stops after the commit loses nothing. Its id is the
/// <c>webhook-id</c> every endpoint receives; the delivery pass fans it out to the endpoints subscribed to its type.
/// </summary>
public sealed class WebhookEvent
{
    public Guid Id { get; init; }
    public required string Type { get; init; }
    /// <summary>The <c>data</c> object of the payload, as JSON: ids and what the event needs, never an address (R55).</summary>
    public required string DataJson { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>When a delivery pass made its deliveries; null while it waits for one.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }
}

/// <summary>The event types an endpoint may subscribe to (R55).</summary>
public static class WebhookEventTypes
{
    public const string ConsentGranted = "consent.granted";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string SuppressionAdded = "suppression.added";
    public const string PersonErased = "person.erased";
    public const string LeadCaptured = "lead.captured";
    public const string SendOutcome = "send.outcome";
    public const string DsrCompleted = "dsr.completed";

    public static IReadOnlyList<string> All { get; } = [ConsentGranted, ConsentWithdrawn, SuppressionAdded, PersonErased, LeadCaptured, SendOutcome, DsrCompleted];

    public static string Problem { get; } = $"must list one or more of: {string.Join(", ", All)}";

    /// <summary>The types asked for, in the list's order and once each; null when none is asked for or one is unknown.</summary>
    public static List<string>? Parse(IEnumerable<string?>? asked)
    {
        var types = (asked ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        return types.Count == 0 || types.Any(t => !All.Contains(t, StringComparer.Ordinal)) ? null : [.. All.Where(types.Contains)];
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.FannedOutAt);
        builder.Property(e => e.Type).HasMaxLength(32);
    }
}
