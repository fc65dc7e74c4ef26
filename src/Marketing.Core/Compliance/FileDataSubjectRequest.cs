using Marketing.Access;
using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Someone files a request on the public intake (R36). Nothing opens yet: a confirmation email goes to the address
/// given, through the gate's transactional path, and the ticket opens when its link is followed, so nobody files for
/// someone else. The answer is the same whatever the address, and one email per address goes out per few minutes,
/// so the form cannot be used to flood a mailbox.
/// </summary>
public static class FileDataSubjectRequest
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public sealed record Request(string? Email, string? Type, string? Details, string? Locale);

    /// <returns>The problems of the input, by field; empty when the request was taken (mailed or not).</returns>
    public static async Task<Dictionary<string, string[]>> HandleAsync(MarketingDbContext db, TimeProvider clock, Request request, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string code) => problems[field] = [RequestProblems.Describe(code)];
        if (!Identifiers.TryNormalizeEmail(request.Email, out var email))
        {
            Add("email", RequestProblems.EmailInvalid);
        }

        var type = OpenDataSubjectRequest.Check(request.Type, RequestTypes.All, "type", RequestProblems.TypeInvalid, Add);
        var details = OpenDataSubjectRequest.CheckDetails(request.Details, Add);
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = clock.GetUtcNow();
        if (await db.DataSubjectRequests.AnyAsync(t => t.Email == email && t.Channel == RequestChannels.Form && t.SubmittedAt > now - Interval, ct))
        {
            return problems;
        }

        var ticket = new DataSubjectRequest
        {
            Id = Guid.CreateVersion7(),
            Type = type!,
            Channel = RequestChannels.Form,
            Email = email,
            Locale = OpenDataSubjectRequest.Language(request.Locale),
            Details = details,
            Status = RequestStatuses.AwaitingConfirmation,
            SubmittedAt = now,
            CreatedBy = "public",
        };
        db.DataSubjectRequests.Add(ticket);
        RequestMail.Queue(db, ticket, RequestMail.ConfirmationTemplate, "confirm", now);
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, now, "public", "filed", $"type={ticket.Type} confirmation emailed"));
        db.AuditEntries.Add(AuditEntry.Create(clock, "public", "dsr.filed", ticket.Id.ToString(), $"type={ticket.Type}"));
        await db.SaveChangesAsync(ct);
        return problems;
    }
}
