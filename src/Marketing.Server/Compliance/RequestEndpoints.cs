using System.Globalization;
using System.Net;
using System.Security.Claims;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Web.Forms;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Compliance;

/// <summary>
/// Data-subject requests (R36, R37): the admin API of the DSR queue for compliance staff, the public intake a website
/// posts to, the page where a requester confirms their request, and the access archive and E4 log as downloads.
/// </summary>
public static class RequestEndpoints
{
    public sealed record OpenRequest(string? Type, string? Channel, string? Email, Guid? PersonId, string? IdentityMethod, string? Details,
        DateTimeOffset? ReceivedAt, string? Locale);
    public sealed record ExtendRequest(int? Months, string? Reason);
    public sealed record CompleteRequest(string? Outcome, string? Reason, bool? ComplaintRightMentioned);
    public sealed record RejectRequest(string? Reason, bool? ComplaintRightMentioned);
    public sealed record IntakeRequest(string? Email, string? Type, string? Details, string? Locale);
    public sealed record IntakeAnswer(string Message);
    public sealed record RequestView(
        Guid Id, string Type, string Channel, string Status, string? Email, Guid? PersonId, DateTimeOffset SubmittedAt, DateTimeOffset? ReceivedAt,
        DateTimeOffset? DueAt, string Deadline, string? IdentityMethod, DateTimeOffset? IdentityVerifiedAt, DateTimeOffset? ExtendedAt,
        string? ExtensionReason, DateTimeOffset? ExtensionNotifiedAt, DateTimeOffset? ClosedAt, string? Outcome, string? OutcomeReason, string? Handler,
        DateTimeOffset? ArchiveGeneratedAt, string? ArchiveSha256);
    public sealed record RequestLineView(
        Guid Id, string Type, string Channel, string Status, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, string Deadline, bool Extended, string? Outcome);
    public sealed record HistoryView(DateTimeOffset At, string Actor, string Action, string? Detail);
    public sealed record TicketView(RequestView Request, IReadOnlyList<HistoryView> History);

    /// <summary>Said whatever the address: nobody learns from the intake whether someone is in the lead store.</summary>
    public const string IntakeMessage = "If the address is valid, an email is on its way: follow its link to confirm your request.";

    public static string WebArchivePath(Guid id) => $"/dsr/{id}/archive";

    public const string WebLogPath = "/dsr/log";

    public static RouteGroupBuilder MapRequestsAdmin(this RouteGroupBuilder admin)
    {
        var requests = admin.MapGroup("/compliance/requests").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        requests.MapGet("/", ListAsync).WithName("ListDataSubjectRequests");
        requests.MapPost("/", OpenAsync).WithName("OpenDataSubjectRequest");
        requests.MapGet("/log", (string? format, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, MarketingDbContext db, TimeProvider clock,
                ClaimsPrincipal user, CancellationToken ct) => ExportLogAsync(format, from, to, http, db, clock, user, ct))
            .WithName("ExportDataSubjectRequestLog").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        requests.MapGet("/{id:guid}", ReadAsync).WithName("ReadDataSubjectRequest");
        requests.MapPost("/{id:guid}/extension", ExtendAsync).WithName("ExtendDataSubjectRequest");
        requests.MapPost("/{id:guid}/completion", CompleteAsync).WithName("CompleteDataSubjectRequest");
        requests.MapPost("/{id:guid}/rejection", RejectAsync).WithName("RejectDataSubjectRequest");
        requests.MapGet("/{id:guid}/archive", ArchiveAsync).WithName("BuildAccessArchive").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return admin;
    }

    public static RouteGroupBuilder MapRequestsPublic(this RouteGroupBuilder publicApi)
    {
        publicApi.MapPost("/requests", FileAsync).WithName("FileDataSubjectRequest").WithTags("Compliance");
        return publicApi;
    }

    /// <summary>
    /// The page a requester reaches from the confirmation email: the GET only asks (a mail scanner following links
    /// confirms nothing), the POST confirms. No login, no cookie: the token is the whole authority.
    /// </summary>
    public static IEndpointRouteBuilder MapRequestPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/requests").WithTags("Compliance").DisableAntiforgery();
        pages.MapGet("/confirm/{token}", AskConfirm).WithName("AskRequestConfirmation");
        pages.MapPost("/confirm/{token}", ConfirmAsync).WithName("ConfirmDataSubjectRequest")
            .AcceptsBody("application/x-www-form-urlencoded", "multipart/form-data").WithBodySizeLimit(16 * 1024);
        return app;
    }

    /// <summary>The ticket page's downloads, under the session's compliance policy: the access archive and the E4 log.</summary>
    public static IEndpointRouteBuilder MapWebRequestDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dsr/{id:guid}/archive", ArchiveAsync)
            .WithTags("Web").WithName("DownloadAccessArchive").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        app.MapGet(WebLogPath, (string? format, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, MarketingDbContext db, TimeProvider clock,
                ClaimsPrincipal user, CancellationToken ct) => ExportLogAsync(FormText.Blank(format), from, to, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadDataSubjectRequestLog").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        return app;
    }

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Ok<List<RequestLineView>>> ListAsync(string? status, MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var lines = await ListDataSubjectRequests.HandleAsync(db, clock, FormText.Blank(status), ct);
        return TypedResults.Ok(lines.Select(l => new RequestLineView(l.Id, l.Type, l.Channel, l.Status, l.ReceivedAt, l.DueAt, Deadline(l.Flag), l.Extended, l.Outcome))
            .ToList());
    }

    private static async Task<Results<Created<RequestView>, ValidationProblem>> OpenAsync(
        OpenRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await OpenDataSubjectRequest.HandleAsync(db, clock, new OpenDataSubjectRequest.Request(request?.Type, request?.Channel, request?.Email,
            request?.PersonId, request?.IdentityMethod, request?.Details, request?.ReceivedAt, request?.Locale), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/admin/compliance/requests/{outcome.Value.Id}", View(outcome.Value, clock)),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<TicketView>, NotFound>> ReadAsync(Guid id, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        await ListDataSubjectRequests.ReadAsync(db, clock, id, ct) is { } ticket
            ? TypedResults.Ok(new TicketView(View(ticket.Request, clock), [.. ticket.History.Select(h => new HistoryView(h.At, h.Actor, h.Action, h.Detail))]))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        Guid id, ExtendRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request?.Months is not { } months)
        {
            return Problems.Field("months", RequestProblems.Describe(RequestProblems.ExtensionMonths));
        }

        return Map(await ExtendDataSubjectRequest.HandleAsync(db, clock, id, months, request.Reason, user.Actor(), ct), clock);
    }

    private static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, CompleteRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Map(await CompleteDataSubjectRequest.HandleAsync(db, clock, id,
            new CompleteDataSubjectRequest.Request(request?.Outcome, request?.Reason, request?.ComplaintRightMentioned ?? false), user.Actor(), ct), clock);

    /// <summary>A rejection is a completion refused, with its reason and the mention of the right to complain (R36).</summary>
    private static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, RejectRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Map(await CompleteDataSubjectRequest.HandleAsync(db, clock, id,
            new CompleteDataSubjectRequest.Request(RequestOutcomes.Refused, request?.Reason, request?.ComplaintRightMentioned ?? false), user.Actor(), ct), clock);

    private static Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult> Map(Outcome<DataSubjectRequest> outcome, TimeProvider clock) =>
        outcome.Refusal switch
        {
            null => TypedResults.Ok(View(outcome.Value, clock)),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };

    /// <summary>R37: the access or portability archive of the ticket's person, streamed; its generation is logged on the ticket.</summary>
    private static async Task<Results<EmptyHttpResult, NotFound, ProblemHttpResult>> ArchiveAsync(
        Guid id, HttpContext http, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, ClaimsPrincipal user, CancellationToken ct)
    {
        var prepared = await BuildAccessArchive.PrepareAsync(db, id, ct);
        switch (prepared.Refusal)
        {
            case Refusal.NotFound:
                return TypedResults.NotFound();
            case Refusal.Conflict conflict:
                return Problems.Conflict(conflict);
            case { } other:
                throw Problems.Unmapped(other);
        }

        var ticket = prepared.Value;
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"{ticket.Type}-{ticket.Id:N}-{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.zip\"";
        // ZipArchive finishes its central directory synchronously; the body is still streamed as written.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await BuildAccessArchive.HandleAsync(db, clock, ticket, http.Response.Body, Recipients(settings), user.Actor(), ct);
        return TypedResults.Empty;
    }

    /// <summary>
    /// Who receives a person's data besides the controller (R37, art. 15(1)(c)): the processors behind the configured
    /// channels. Written from the settings until processors have their own register.
    /// </summary>
    public static IReadOnlyList<string> Recipients(ResolvedSettings settings)
    {
        var raw = settings.Raw;
        var list = new List<string>
        {
            string.IsNullOrWhiteSpace(raw.Email.Smtp.Host)
                ? "Email: written to the engine's own outbox; no processor receives it"
                : $"Email: the SMTP relay at {raw.Email.Smtp.Host} (a processor: it carries every email to the person)",
        };
        if (!string.IsNullOrWhiteSpace(raw.Sms.AccountSid))
        {
            list.Add("SMS: Twilio Inc., SMS gateway (a processor: it receives the phone number and the text of every SMS)");
        }

        return list;
    }

    /// <summary>E4, the DSR log: every ticket with its deadline, extension, history and outcome, streamed with a manifest.</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportLogAsync(string? format, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, from, to) is { } problem)
        {
            return problem;
        }

        var spec = new ExportArchive.Spec("E4 DSR log", "dsr-log", "dsr_log.exported", null, new { from, to, format },
            string.Create(CultureInfo.InvariantCulture, $"format={format} from={from:O} to={to:O}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
            [new($"dsr-log.{format}", (stream, token) => ProofFiles.WriteAsync(format, RequestLog.StreamAsync(db, from, to, token), stream, token))], ct);
    }

    private static async Task<Results<Accepted<IntakeAnswer>, ValidationProblem>> FileAsync(IntakeRequest? request, MarketingDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var problems = await FileDataSubjectRequest.HandleAsync(db, clock,
            new FileDataSubjectRequest.Request(request?.Email, request?.Type, request?.Details, request?.Locale), ct);
        return problems.Count > 0 ? Problems.Fields(problems) : TypedResults.Accepted((string?)null, new IntakeAnswer(IntakeMessage));
    }

    private static HtmlPage AskConfirm(string token, HttpContext http)
    {
        var t = RequestPageTexts.For(http);
        return HtmlPage.Titled(t.Locale, t.ConfirmTitle,
            $"<p>{E(t.ConfirmQuestion)}</p><form method=\"post\"><button type=\"submit\">{E(t.ConfirmButton)}</button></form>");
    }

    private static async Task<HtmlPage> ConfirmAsync(string token, HttpContext http, MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var t = RequestPageTexts.For(http);
        return await ConfirmDataSubjectRequest.HandleAsync(db, clock, token, ct) switch
        {
            RequestConfirmation.Confirmed => HtmlPage.Titled(t.Locale, t.ConfirmedTitle, $"<p>{E(t.Confirmed)}</p>"),
            RequestConfirmation.AlreadyConfirmed => HtmlPage.Titled(t.Locale, t.ConfirmTitle, $"<p>{E(t.AlreadyConfirmed)}</p>", StatusCodes.Status410Gone),
            RequestConfirmation.Expired => HtmlPage.Titled(t.Locale, t.ConfirmTitle, $"<p>{E(t.Expired)}</p>", StatusCodes.Status410Gone),
            _ => HtmlPage.Titled(t.Locale, t.InvalidTitle, $"<p>{E(t.Invalid)}</p>", StatusCodes.Status404NotFound),
        };
    }

    public static string Deadline(DeadlineState state) => state switch
    {
        DeadlineState.Overdue => "overdue",
        DeadlineState.DueSoon => "due_soon",
        _ => "on_time",
    };

    private static RequestView View(DataSubjectRequest t, TimeProvider clock) => new(
        t.Id, t.Type, t.Channel, t.Status, t.Email, t.PersonId, t.SubmittedAt, t.ReceivedAt, t.DueAt,
        Deadline(ListDataSubjectRequests.FlagOf(t, clock.GetUtcNow())), t.IdentityMethod, t.IdentityVerifiedAt, t.ExtendedAt, t.ExtensionReason,
        t.ExtensionNotifiedAt, t.ClosedAt, t.Outcome, t.OutcomeReason, t.Handler, t.ArchiveGeneratedAt, t.ArchiveSha256);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>The confirmation page's words, in the browser's language (the link names no locale).</summary>
internal sealed record RequestPageTexts(string Locale, string ConfirmTitle, string ConfirmQuestion, string ConfirmButton, string ConfirmedTitle,
    string Confirmed, string AlreadyConfirmed, string Expired, string InvalidTitle, string Invalid)
{
    private static readonly RequestPageTexts English = new("en", "Confirm your request", "Confirm that you made this request about your personal data.",
        "Confirm my request", "Request confirmed",
        "Thank you: your request is received. We will answer within one month, or tell you before then why we need longer.",
        "This request is already confirmed.", "This link has expired: please make your request again.", "Link not valid", "This link is not valid.");

    private static readonly RequestPageTexts French = new("fr", "Confirmez votre demande", "Confirmez que vous êtes l'auteur de cette demande concernant vos données personnelles.",
        "Confirmer ma demande", "Demande confirmée",
        "Merci : votre demande est reçue. Nous y répondrons dans un délai d'un mois, ou vous dirons avant pourquoi il nous faut plus de temps.",
        "Cette demande est déjà confirmée.", "Ce lien a expiré : merci de refaire votre demande.", "Lien non valide", "Ce lien n'est pas valide.");

    public static RequestPageTexts For(HttpContext http) =>
        http.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
}
