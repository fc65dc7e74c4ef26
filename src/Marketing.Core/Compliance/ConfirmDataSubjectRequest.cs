using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

public enum RequestConfirmation
{
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Invalid,
}

/// <summary>
/// The requester follows the link emailed to them: the request is theirs, so it is received now and its month starts
/// (R36). The ticket is linked to the person of the lead store with that address, if there is one.
/// </summary>
public static class ConfirmDataSubjectRequest
{
    public static async Task<RequestConfirmation> HandleAsync(MarketingDbContext db, TimeProvider clock, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return RequestConfirmation.Invalid;
        }

        var hash = AccountLink.HashToken(token);
        if (await db.DataSubjectRequests.SingleOrDefaultAsync(t => t.ConfirmationTokenHash == hash, ct) is not { } ticket)
        {
            return RequestConfirmation.Invalid;
        }

        var now = clock.GetUtcNow();
        if (ticket.Status != RequestStatuses.AwaitingConfirmation)
        {
            return RequestConfirmation.AlreadyConfirmed;
        }

        if (ticket.ConfirmationExpiresAt is not { } expires || now > expires)
        {
            return RequestConfirmation.Expired;
        }

        var actor = Actor.OfUser(ticket.Email!);
        ticket.Status = RequestStatuses.Open;
        ticket.ReceivedAt = now;
        ticket.DueAt = RequestDeadlines.DueAt(now);
        ticket.IdentityMethod = IdentityMethods.EmailConfirmation;
        ticket.IdentityVerifiedAt = now;
        ticket.PersonId ??= await OpenDataSubjectRequest.FindPersonAsync(db, ticket.Email!, ct);
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, now, actor, "confirmed",
            $"identity={IdentityMethods.EmailConfirmation} due={ticket.DueAt:O}"));
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "dsr.confirmed", ticket.Id.ToString(), $"type={ticket.Type}"));
        await db.SaveChangesAsync(ct);
        return RequestConfirmation.Confirmed;
    }
}
