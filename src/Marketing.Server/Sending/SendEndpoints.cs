using System.Security.Claims;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Channels.Email;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Sending;

/// <summary>
/// Asking for a message to be sent, now or later (<see cref="QueueMessage"/>), and reading what became of it. Asking
/// decides nothing: the gate decides when the message is about to leave, and the record then says why.
/// </summary>
public static class SendEndpoints
{
    public sealed record SendView(Guid Id, string Key, Guid PersonId, string Channel, string MessageType, string? Purpose, string Template,
        string Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, int Attempts, string? Decision, string? DecisionReason,
        string? EvidenceKind, string? EvidenceId, DateTimeOffset? DecidedAt, string? MessageId, DateTimeOffset? SentAt, string? LastError,
        string? DeliveryStatus = null, string? Reference = null);

    public static RouteGroupBuilder MapSendsAdmin(this RouteGroupBuilder admin)
    {
        var sends = admin.MapGroup("/sends").WithTags("Sending");
        sends.MapPost("/", QueueAsync).WithName("QueueMessage").RequireAuthorization(AccessPolicies.Marketing);
        sends.MapGet("/{id:guid}", GetAsync).WithName("GetSend").RequireAuthorization(AccessPolicies.AnyKey);
        sends.MapGet("/", ListAsync).WithName("ListSends").RequireAuthorization(AccessPolicies.AnyKey);
        return admin;
    }

    private static async Task<Results<Accepted<SendView>, Ok<SendView>, ValidationProblem>> QueueAsync(
        QueueMessage.Command? request, MarketingDbContext db, TimeProvider clock, DispatchSignals signals, TemplateStore templates,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await QueueMessage.HandleAsync(db, templates, clock, request ?? new QueueMessage.Command(null, null, null, null, null, null, null, null), user.Actor(), ct);
        if (outcome.Refusal is Refusal.Invalid invalid)
        {
            return Problems.Invalid(invalid);
        }

        var (record, isNew) = outcome.Value;
        if (!isNew)
        {
            // Asking twice with one key is one message.
            return TypedResults.Ok(ToView(record));
        }

        signals.NotifyWhenDue(record.Channel, record.DueAt, record.CreatedAt);
        return TypedResults.Accepted($"/api/admin/sends/{record.Id}", ToView(record));
    }

    private static async Task<Results<Ok<SendView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, CancellationToken ct) =>
        await db.SendRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } record ? TypedResults.Ok(ToView(record)) : TypedResults.NotFound();

    /// <summary>The send list (E2): <paramref name="messageType"/> shows transactional mail apart, with what each is about; <paramref name="reason"/> finds the gate's reason by its beginning.</summary>
    private static async Task<Results<Ok<List<SendView>>, ValidationProblem>> ListAsync(Guid? personId, string? status, string? messageType, string? reason, int? take,
        MarketingDbContext db, CancellationToken ct)
    {
        var filter = new FindSends.Filter(personId, status, messageType, reason);
        if (FindSends.Check(filter) is { Count: > 0 } problems)
        {
            return Problems.Fields(problems.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }

        var records = await FindSends.ReadAsync(db, filter, 0, Math.Clamp(take ?? 100, 1, 1000), ct);
        return TypedResults.Ok(records.Select(ToView).ToList());
    }

    private static SendView ToView(SendRecord r) => new(r.Id, r.Key, r.PersonId, r.Channel, r.MessageType, r.PurposeKey, r.TemplateKey, r.Status,
        r.CreatedAt, r.DueAt, r.Attempts, r.Decision, r.DecisionReason, r.EvidenceKind, r.EvidenceId, r.DecidedAt, r.MessageId, r.SentAt, r.LastError, r.DeliveryStatus, r.Reference);
}
