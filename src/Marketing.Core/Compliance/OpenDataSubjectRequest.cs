using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// An agent enters a request received by email, letter, phone or in person (R36): the ticket opens at once, with how
/// the requester's identity was checked, and its due date one calendar month from receipt.
/// </summary>
public static class OpenDataSubjectRequest
{
    /// <param name="ReceivedAt">When the request reached the controller (a letter's date of arrival); now when null.</param>
    public sealed record Request(string? Type, string? Channel, string? Email, Guid? PersonId, string? IdentityMethod, string? Details,
        DateTimeOffset? ReceivedAt = null, string? Locale = null);

    public static async Task<Outcome<DataSubjectRequest>> HandleAsync(MarketingDbContext db, TimeProvider clock, Request request, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string code) => problems[field] = [RequestProblems.Describe(code)];

        var type = Check(request.Type, RequestTypes.All, "type", RequestProblems.TypeInvalid, Add);
        var channel = Check(request.Channel, RequestChannels.All, "channel", RequestProblems.ChannelInvalid, Add);
        var identity = Check(request.IdentityMethod, IdentityMethods.All, "identityMethod", RequestProblems.IdentityInvalid, Add);
        string? email = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            if (Identifiers.TryNormalizeEmail(request.Email, out var normalized))
            {
                email = normalized;
            }
            else
            {
                Add("email", RequestProblems.EmailInvalid);
            }
        }

        var details = CheckDetails(request.Details, Add);
        if (request.ReceivedAt is { } received && received > now)
        {
            problems["receivedAt"] = ["must not be in the future"];
        }

        var personId = request.PersonId;
        if (personId is { } id && !await db.People.AnyAsync(p => p.Id == id, ct))
        {
            Add("personId", RequestProblems.PersonUnknown);
        }
        else if (personId is null && email is not null)
        {
            personId = await FindPersonAsync(db, email, ct);
        }

        if (email is null && request.PersonId is null && !problems.ContainsKey("email"))
        {
            Add("email", RequestProblems.NoSubject);
        }

        if (problems.Count > 0)
        {
            return Refusal.Fields(problems);
        }

        var receivedAt = request.ReceivedAt ?? now;
        var ticket = new DataSubjectRequest
        {
            Id = Guid.CreateVersion7(),
            Type = type!,
            Channel = channel!,
            Email = email,
            PersonId = personId,
            Locale = Language(request.Locale),
            Details = details,
            Status = RequestStatuses.Open,
            SubmittedAt = now,
            ReceivedAt = receivedAt,
            DueAt = RequestDeadlines.DueAt(receivedAt),
            IdentityMethod = identity,
            IdentityVerifiedAt = now,
            CreatedBy = actor,
        };
        db.DataSubjectRequests.Add(ticket);
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, now, actor, "opened",
            $"type={ticket.Type} channel={ticket.Channel} identity={ticket.IdentityMethod} due={ticket.DueAt:O}"));
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "dsr.opened", ticket.Id.ToString(), $"type={ticket.Type} channel={ticket.Channel}"));
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    internal static string? Check(string? value, IReadOnlyList<string> allowed, string field, string code, Action<string, string> add)
    {
        var trimmed = value?.Trim().ToLowerInvariant();
        if (trimmed is not null && allowed.Contains(trimmed))
        {
            return trimmed;
        }

        add(field, code);
        return null;
    }

    internal static string? CheckDetails(string? details, Action<string, string> add)
    {
        var text = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        if (text is not null && (text.Length > DataSubjectRequest.MaxTextLength || !StoredText.IsAcceptable(text)))
        {
            add("details", RequestProblems.TextTooLong);
        }

        return text;
    }

    internal static Task<Guid?> FindPersonAsync(MarketingDbContext db, string email, CancellationToken ct) =>
        db.People.Where(p => p.Email == email).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

    internal static string Language(string? locale) => locale?.Trim().ToLowerInvariant() is { } l && l.StartsWith("fr", StringComparison.Ordinal) ? "fr" : "en";
}
