using System.Text.Json;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Bench;

/// <summary>
/// The capture benchmark's second baseline: the same six rows a sign-up writes (person, ledger event, projection,
/// double-opt-in request, its queued email, the submission), written the obvious way — the request's own EF Core
/// context, one transaction per request, a look-up for a replay and for the person, then one SaveChanges.
/// It copies everything but the identifiers from the rows the engine wrote for one real sign-up, so both write
/// rows of the same shape; it skips the form's rules and token, which capture checks and it does not.
/// </summary>
internal static class ObviousCapture
{
    /// <summary>Client submission ids of this endpoint's rows start with this, so the durability check can tell them apart.</summary>
    public const string Prefix = "ef-";

    private sealed record Rows(Person Person, ConsentEvent Event, Submission Submission, DoubleOptInRequest Request, SendRecord Send);

    private static Rows? model;

    /// <summary>Reads the rows of the one sign-up the engine stored: what the endpoint's rows copy.</summary>
    public static async Task ReadModelAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var submission = await db.Submissions.AsNoTracking().OrderBy(s => s.ReceivedAt).FirstAsync();
        model = new Rows(
            await db.People.AsNoTracking().SingleAsync(p => p.Id == submission.PersonId),
            await db.ConsentEvents.AsNoTracking().SingleAsync(e => e.SubmissionId == submission.Id),
            submission,
            await db.DoubleOptInRequests.AsNoTracking().SingleAsync(r => r.SubmissionId == submission.Id),
            await db.SendRecords.AsNoTracking().SingleAsync(r => r.PersonId == submission.PersonId));
    }

    /// <summary>Maps the endpoint (before the host starts); it answers once <see cref="ReadModelAsync"/> has run.</summary>
    public static void Map(WebApplication app, string path)
    {
        // Like capture, it finishes what it started when the client goes away (wrk drops its connections at the end of a round).
        var ct = CancellationToken.None;
        app.MapPost(path, async (HttpRequest request, MarketingDbContext db) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var model = ObviousCapture.model ?? throw new InvalidOperationException("no model rows read yet");
            var email = body.RootElement.GetProperty("fields").GetProperty("email").GetString()!;
            var clientId = Prefix + body.RootElement.GetProperty("submissionId").GetString();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var earlier = await db.Submissions.AsNoTracking()
                .Where(s => s.FormId == model.Submission.FormId && s.ClientSubmissionId == clientId).Select(s => s.ResultJson).FirstOrDefaultAsync(ct);
            if (earlier is not null)
            {
                return Results.Content(earlier, "application/json");
            }

            var now = DateTimeOffset.UtcNow;
            var person = await db.People.SingleOrDefaultAsync(p => p.Email == email, ct);
            if (person is null)
            {
                person = new Person
                {
                    Id = Guid.CreateVersion7(), Email = email, Regime = model.Person.Regime, Source = model.Person.Source, Locale = model.Person.Locale,
                    Attributes = new(model.Person.Attributes), CreatedAt = now, UpdatedAt = now,
                };
                db.People.Add(person);
            }

            var submissionId = Guid.CreateVersion7();
            var e = model.Event;
            var appended = new ConsentEvent
            {
                Id = Guid.CreateVersion7(), PersonId = person.Id, Sequence = person.LedgerSequence + 1, Identifier = email, IdentifierType = e.IdentifierType,
                PurposeId = e.PurposeId, PurposeKey = e.PurposeKey, Channel = e.Channel, Regime = person.Regime, Status = e.Status, Method = e.Method,
                OccurredAt = now, LocalOffsetMinutes = e.LocalOffsetMinutes, NoticeVersionId = e.NoticeVersionId, NoticeVersion = e.NoticeVersion,
                NoticeSha256 = e.NoticeSha256, Locale = e.Locale, FormId = e.FormId, FormVersion = e.FormVersion, PrivacyNoticeVersionId = e.PrivacyNoticeVersionId,
                PrivacyNoticeVersion = e.PrivacyNoticeVersion, PageUrl = e.PageUrl, Referrer = e.Referrer, IpAddress = e.IpAddress, UserAgent = e.UserAgent,
                SubmissionId = submissionId, PreviousHash = person.LedgerHead,
            }.Sealed();
            person.LedgerSequence = appended.Sequence;
            person.LedgerHead = appended.Hash;
            db.ConsentEvents.Add(appended);
            db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = e.PurposeId, Channel = e.Channel, Status = e.Status, LastEventId = appended.Id, UpdatedAt = now });
            var confirmation = new DoubleOptInRequest
            {
                Id = Guid.CreateVersion7(), PersonId = person.Id, SubmissionId = submissionId, PendingEventIds = [appended.Id], Locale = model.Request.Locale,
                Status = DoubleOptInStatuses.Pending, CreatedAt = now,
            };
            db.DoubleOptInRequests.Add(confirmation);
            db.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"doi:{confirmation.Id:N}", PersonId = person.Id, Channel = model.Send.Channel, MessageType = model.Send.MessageType,
                PurposeKey = model.Send.PurposeKey, TemplateKey = model.Send.TemplateKey,
                Data = new Dictionary<string, string> { ["doi_request"] = confirmation.Id.ToString("N"), ["locale"] = confirmation.Locale ?? "en" },
                Status = SendStatuses.Queued, CreatedAt = now, DueAt = now,
            });
            var result = new SubmissionResult(submissionId, person.Id, "accepted", [new ConsentOutcome(e.PurposeKey, e.Channel, e.Status)]);
            var resultJson = JsonSerializer.Serialize(result, JsonColumn.Options);
            var s = model.Submission;
            db.Submissions.Add(new Submission
            {
                Id = submissionId, FormId = s.FormId, ClientSubmissionId = clientId, FormVersion = s.FormVersion, PersonId = person.Id, ReceivedAt = now,
                Locale = s.Locale, PageUrl = s.PageUrl, Referrer = s.Referrer, Utm = new(s.Utm), IpAddress = s.IpAddress, UserAgent = s.UserAgent,
                ResultJson = resultJson, Identity = s.Identity, Review = s.Review, Profile = s.Profile, AppliedAt = now, ConfirmationRequestId = confirmation.Id,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Results.Content(resultJson, "application/json", statusCode: StatusCodes.Status201Created);
        }).Accepts<JsonElement>("application/json");
    }
}
