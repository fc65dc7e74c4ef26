using System.Security.Claims;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Email;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Sending;

/// <summary>
/// Asking for a message to be sent, now or later, and reading what became of it. Asking decides nothing:
/// the gate decides when the message is about to leave, and the record then says why.
/// </summary>
public static class SendEndpoints
{
    public sealed record SendRequest(string? Key, Guid? PersonId, string? Purpose, string? Template, string? Channel, string? MessageType,
        string? Locale, DateTimeOffset? ScheduledAt, bool? RelevantToRole = null, string? AnalogousTo = null, string? Reference = null);
    public sealed record SendView(Guid Id, string Key, Guid PersonId, string Channel, string MessageType, string? Purpose, string Template,
        string Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, int Attempts, string? Decision, string? DecisionReason,
        string? EvidenceKind, string? EvidenceId, DateTimeOffset? DecidedAt, string? MessageId, DateTimeOffset? SentAt, string? LastError,
        string? DeliveryStatus = null, string? Reference = null);

    public static RouteGroupBuilder MapSendsAdmin(this RouteGroupBuilder admin)
    {
        var sends = admin.MapGroup("/sends").WithTags("Sending");
        sends.MapPost("/", QueueAsync).RequireAuthorization(AccessPolicies.Marketing);
        sends.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.AnyKey);
        sends.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.AnyKey);
        return admin;
    }

    private static async Task<Results<Accepted<SendView>, Ok<SendView>, ValidationProblem>> QueueAsync(
        SendRequest? request, MarketingDbContext db, TimeProvider clock, DispatchSignals signals, TemplateStore templates,
        ClaimsPrincipal user, CancellationToken ct)
    {
        request ??= new SendRequest(null, null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>();
        var channel = request.Channel ?? Channels.Email;
        var type = request.MessageType ?? MessageTypes.Marketing;
        if (request.PersonId is not { } personId || !await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            errors["personId"] = ["must name a person of the lead store"];
        }

        if (channel is not (Channels.Email or Channels.Sms))
        {
            errors["channel"] = ["must be email or sms"];
        }

        if (!MessageTypes.All.Contains(type) || type == MessageTypes.DoubleOptIn)
        {
            errors["messageType"] = ["must be marketing or transactional (confirmation emails are sent by the engine itself)"];
        }

        if (type == MessageTypes.Marketing && string.IsNullOrWhiteSpace(request.Purpose))
        {
            errors["purpose"] = ["a marketing message must name its purpose"];
        }
        else if (request.Purpose is not null && !await db.Purposes.AnyAsync(p => p.Key == request.Purpose, ct))
        {
            errors["purpose"] = [$"no purpose '{request.Purpose}'"];
        }

        var known = string.IsNullOrWhiteSpace(request.Template) ? null
            : (await templates.LoadAsync(db, [request.Template], ct)).Find(request.Template, request.Locale, channel);
        if (known is null)
        {
            errors["template"] = [$"must name a saved or shipped {channel} template"];
        }
        else if (known.MessageType != type)
        {
            errors["template"] = [$"is a {known.MessageType} template; the message is {type}"];
        }

        if (request.AnalogousTo is not null && !SendAttestations.IsCategory(request.AnalogousTo))
        {
            errors["analogousTo"] = [SendAttestations.CategoryRule];
        }

        if (type != MessageTypes.Marketing && (request.AnalogousTo is not null || request.RelevantToRole is not null))
        {
            errors[request.AnalogousTo is not null ? "analogousTo" : "relevantToRole"] = ["only a marketing message states these"];
        }

        if (type == MessageTypes.Transactional && await ReferenceProblemAsync(db, request, ct) is { } referenceProblem)
        {
            errors["reference"] = [referenceProblem];
        }
        else if (type != MessageTypes.Transactional && request.Reference is not null)
        {
            errors["reference"] = ["only a transactional message names a reference"];
        }

        if (request.Key is { Length: > 150 })
        {
            errors["key"] = ["must be at most 150 characters"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var key = $"api:{request.Key ?? Guid.NewGuid().ToString("N")}";
        if (await db.SendRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct) is { } earlier)
        {
            // Asking twice with one key is one message.
            return TypedResults.Ok(ToView(earlier));
        }

        var now = clock.GetUtcNow();
        var record = new SendRecord
        {
            Id = Guid.CreateVersion7(), Key = key, PersonId = request.PersonId!.Value, Channel = channel, MessageType = type,
            PurposeKey = request.Purpose, TemplateKey = request.Template!, Reference = type == MessageTypes.Transactional ? request.Reference : null,
            Data = Data(request),
            Status = SendStatuses.Queued, CreatedAt = now, DueAt = request.ScheduledAt is { } at && at > now ? at : now,
        };
        db.SendRecords.Add(record);
        if (type == MessageTypes.Transactional)
        {
            // Transactional mail leaves without consent: who asked for each, and about what, is kept.
            db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "send.transactional_queued", record.Id.ToString(),
                $"reference={record.Reference} template={record.TemplateKey} channel={channel} person={record.PersonId}"));
        }

        await db.SaveChangesAsync(ct);
        signals.NotifyWhenDue(channel, record.DueAt, now);

        return TypedResults.Accepted($"/api/admin/sends/{record.Id}", ToView(record));
    }

    /// <summary>Why the reference cannot stand, or null: well formed, and for an order, an order of that person.</summary>
    private static async Task<string?> ReferenceProblemAsync(MarketingDbContext db, SendRequest request, CancellationToken ct)
    {
        if (!TransactionalReference.TryParse(request.Reference, out var reference))
        {
            return $"is required: {TransactionalReference.Rule}";
        }

        return reference.Kind == TransactionalReference.Order && request.PersonId is { } personId
            && !await db.Purchases.AnyAsync(p => p.PersonId == personId && p.Reference == reference.Id, ct)
            ? $"names order '{reference.Id}', which is no order of this person (record it with POST /api/admin/people/{{id}}/purchases)"
            : null;
    }

    private static Dictionary<string, string> Data(SendRequest request)
    {
        var data = request.Locale is null ? [] : new Dictionary<string, string> { ["locale"] = request.Locale };
        SendAttestations.Apply(data, request.RelevantToRole, request.AnalogousTo);
        return data;
    }

    private static async Task<Results<Ok<SendView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, CancellationToken ct) =>
        await db.SendRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } record ? TypedResults.Ok(ToView(record)) : TypedResults.NotFound();

    /// <summary>The send list (E2): <paramref name="messageType"/> shows transactional mail apart, with what each is about.</summary>
    private static async Task<Ok<List<SendView>>> ListAsync(Guid? personId, string? status, string? messageType, int? take, MarketingDbContext db, CancellationToken ct)
    {
        var query = db.SendRecords.AsNoTracking();
        if (messageType is not null)
        {
            query = query.Where(r => r.MessageType == messageType);
        }

        if (personId is { } id)
        {
            query = query.Where(r => r.PersonId == id);
        }

        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        var records = await query.OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(records.Select(ToView).ToList());
    }

    private static SendView ToView(SendRecord r) => new(r.Id, r.Key, r.PersonId, r.Channel, r.MessageType, r.PurposeKey, r.TemplateKey, r.Status,
        r.CreatedAt, r.DueAt, r.Attempts, r.Decision, r.DecisionReason, r.EvidenceKind, r.EvidenceId, r.DecidedAt, r.MessageId, r.SentAt, r.LastError, r.DeliveryStatus, r.Reference);
}
