using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>
/// Asks for one message to be sent, now or later. Asking decides nothing: the gate decides when the message is about
/// to leave. What is checked here is what the request itself must get right: a person, a purpose for marketing, a
/// template of the message's type, and for a transactional message the reference of what it is about (R60).
/// </summary>
public static class QueueMessage
{
    public const int MaxKeyLength = 150;

    /// <param name="Key">The caller's idempotency key: asking twice with one key is one message.</param>
    /// <param name="RelevantToRole">B2B prospecting: the offer concerns the person's role (R4).</param>
    /// <param name="AnalogousTo">The customer exception: the product category the offer is analogous to (R7, R8).</param>
    /// <param name="Reference">A transactional message's <see cref="TransactionalReference"/>.</param>
    public sealed record Command(string? Key, Guid? PersonId, string? Purpose, string? Template, string? Channel, string? MessageType,
        string? Locale, DateTimeOffset? ScheduledAt, bool? RelevantToRole = null, string? AnalogousTo = null, string? Reference = null);

    /// <param name="IsNew">False when the key named a message asked for before, which is returned as it is.</param>
    public sealed record Queued(SendRecord Record, bool IsNew);

    public static async Task<Outcome<Queued>> HandleAsync(
        MarketingDbContext db, TemplateStore templates, TimeProvider clock, Command command, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var channel = command.Channel ?? ChannelKeys.Email;
        var type = command.MessageType ?? MessageTypes.Marketing;
        if (command.PersonId is not { } personId || !await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            errors["personId"] = ["must name a person of the lead store"];
        }

        if (channel is not (ChannelKeys.Email or ChannelKeys.Sms))
        {
            errors["channel"] = ["must be email or sms"];
        }

        if (!MessageTypes.All.Contains(type) || type == MessageTypes.DoubleOptIn)
        {
            errors["messageType"] = ["must be marketing or transactional (confirmation emails are sent by the engine itself)"];
        }

        if (type == MessageTypes.Marketing && string.IsNullOrWhiteSpace(command.Purpose))
        {
            errors["purpose"] = ["a marketing message must name its purpose"];
        }
        else if (command.Purpose is not null && !await db.Purposes.AnyAsync(p => p.Key == command.Purpose, ct))
        {
            errors["purpose"] = [$"no purpose '{command.Purpose}'"];
        }

        var known = string.IsNullOrWhiteSpace(command.Template) ? null
            : (await templates.LoadAsync(db, [command.Template], ct)).Find(command.Template, command.Locale, channel);
        if (known is null)
        {
            errors["template"] = [$"must name a saved or shipped {channel} template"];
        }
        else if (known.MessageType != type)
        {
            errors["template"] = [$"is a {known.MessageType} template; the message is {type}"];
        }

        if (command.AnalogousTo is not null && !SendAttestations.IsCategory(command.AnalogousTo))
        {
            errors["analogousTo"] = [SendAttestations.CategoryRule];
        }

        if (type != MessageTypes.Marketing && (command.AnalogousTo is not null || command.RelevantToRole is not null))
        {
            errors[command.AnalogousTo is not null ? "analogousTo" : "relevantToRole"] = ["only a marketing message states these"];
        }

        if (type == MessageTypes.Transactional && await ReferenceProblemAsync(db, command, ct) is { } referenceProblem)
        {
            errors["reference"] = [referenceProblem];
        }
        else if (type != MessageTypes.Transactional && command.Reference is not null)
        {
            errors["reference"] = ["only a transactional message names a reference"];
        }

        if (command.Key is { Length: > MaxKeyLength })
        {
            errors["key"] = [$"must be at most {MaxKeyLength} characters"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var key = $"api:{command.Key ?? Guid.NewGuid().ToString("N")}";
        if (await db.SendRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct) is { } earlier)
        {
            return new Queued(earlier, IsNew: false);
        }

        var now = clock.GetUtcNow();
        var record = new SendRecord
        {
            Id = Guid.CreateVersion7(), Key = key, PersonId = command.PersonId!.Value, Channel = channel, MessageType = type,
            PurposeKey = command.Purpose, TemplateKey = command.Template!, Reference = type == MessageTypes.Transactional ? command.Reference : null,
            Data = Data(command),
            Status = SendStatuses.Queued, CreatedAt = now, DueAt = command.ScheduledAt is { } at && at > now ? at : now,
        };
        db.SendRecords.Add(record);
        if (type == MessageTypes.Transactional)
        {
            // Transactional mail leaves without consent: who asked for each, and about what, is kept.
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, "send.transactional_queued", record.Id.ToString(),
                $"reference={record.Reference} template={record.TemplateKey} channel={channel} person={record.PersonId}"));
        }

        await db.SaveChangesAsync(ct);
        return new Queued(record, IsNew: true);
    }

    /// <summary>Why the reference cannot stand, or null: well formed, and for an order, an order of that person (R60).</summary>
    private static async Task<string?> ReferenceProblemAsync(MarketingDbContext db, Command command, CancellationToken ct)
    {
        if (!TransactionalReference.TryParse(command.Reference, out var reference))
        {
            return $"is required: {TransactionalReference.Rule}";
        }

        if (reference.Kind == TransactionalReference.Notice)
        {
            // R52: the engine queues the notices the law owes; nobody sends one in their name.
            return "names a notice, which only the engine queues";
        }

        return reference.Kind == TransactionalReference.Order && command.PersonId is { } personId
            && !await db.Purchases.AnyAsync(p => p.PersonId == personId && p.Reference == reference.Id, ct)
            ? $"names order '{reference.Id}', which is no order of this person (record it with POST /api/admin/people/{{id}}/purchases)"
            : null;
    }

    private static Dictionary<string, string> Data(Command command)
    {
        var data = command.Locale is null ? [] : new Dictionary<string, string> { ["locale"] = command.Locale };
        SendAttestations.Apply(data, command.RelevantToRole, command.AnalogousTo);
        return data;
    }
}
