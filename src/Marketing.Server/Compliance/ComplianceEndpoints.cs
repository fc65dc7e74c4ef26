using Marketing.Server.Web.Forms;
using System.Globalization;
using System.Security.Claims;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>For the DPO: verify the ledger, export proof of consent (E1) and the cookie-consent log (E7).</summary>
public static class ComplianceEndpoints
{
    public static RouteGroupBuilder MapComplianceAdmin(this RouteGroupBuilder admin)
    {
        var compliance = admin.MapGroup("/compliance").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        compliance.MapGet("/ledger/verify", VerifyAsync).WithName("VerifyLedger");
        // The exports stream a ZIP into the response, then answer an empty result: the archive is their body.
        compliance.MapGet("/consent-proof", ExportAsync).WithName("ExportConsentProof").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        compliance.MapGet("/cookie-consents", ExportCookieConsentsAsync).WithName("ExportCookieConsents").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        admin.MapGet("/people/{personId:guid}/consent-proof", (Guid personId, string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(format, personId, null, null, null, null, http, db, clock, user, ct))
            .WithTags("Compliance").WithName("ExportPersonConsentProof").Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .RequireAuthorization(AccessPolicies.Compliance);
        return admin;
    }

    /// <summary>The path of a person's proof export in the web app: the same archive as the API's, for a signed-in compliance user.</summary>
    public static string PersonProofPath(Guid personId) => $"/people/{personId}/consent-proof";

    /// <summary>The compliance page's download of the proof of consent (E1), with its filters: the API's archive, for a signed-in compliance user.</summary>
    public const string WebProofPath = "/compliance/consent-proof";

    /// <summary>The compliance page's download of the cookie-consent log (E7).</summary>
    public const string WebCookieConsentsPath = "/compliance/cookie-consents";

    /// <summary>
    /// The app's downloads of the exports, under the session's compliance policy (an API key never reaches them): one
    /// person's proof from the people pages, and the two exports of the compliance page, audited with the user as actor.
    /// </summary>
    public static IEndpointRouteBuilder MapWebProofExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/people/{personId:guid}/consent-proof", (Guid personId, string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(format, personId, null, null, null, null, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadPersonConsentProof").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            // A link a person follows in their browser: signed out, they are sent to sign in, not answered 401 as an API client is.
            .WithMetadata(new FollowedInABrowser());
        // A form's empty field is no filter.
        app.MapGet(WebProofPath, (string? format, DateTimeOffset? from, DateTimeOffset? to, string? formId, string? purpose,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(FormText.Blank(format), null, from, to, FormText.Blank(formId), FormText.Blank(purpose), http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadConsentProof").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        app.MapGet(WebCookieConsentsPath, (string? format, string? siteId, DateTimeOffset? from, DateTimeOffset? to, string? consentId,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportCookieConsentsAsync(FormText.Blank(format), FormText.Blank(siteId), from, to, FormText.Blank(consentId), http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadCookieConsents").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        return app;
    }


    internal sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Ok<LedgerVerification>> VerifyAsync(MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await VerifyLedger.HandleAsync(db, clock, user.Actor(), ct));

    /// <summary>
    /// Proof of consent (E1): the proof file (CSV or JSON), the sends of the same people with the basis each relied on
    /// (a transactional one with its reference), and the manifest, streamed and audited.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string? format, Guid? personId, DateTimeOffset? from, DateTimeOffset? to, string? formId, string? purpose,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, from, to) is { } problem)
        {
            return problem;
        }

        // R39: a restricted person's proof is for the DPO; other exports leave restricted people out.
        if (personId is { } id && !user.ExportsRestricted() && await db.People.AnyAsync(p => p.Id == id && p.RestrictedAt != null, ct))
        {
            return TypedResults.Problem(title: "This person's processing is restricted.",
                detail: "Only the dpo role exports the proof of a restricted person (R39).", statusCode: StatusCodes.Status403Forbidden);
        }

        var filter = new ProofFilter(personId, from, to, formId, purpose, user.ExportsRestricted());
        var spec = new ExportArchive.Spec("E1 proof of consent", "consent-proof", "consent_proof.exported", personId?.ToString(),
            new { personId, from, to, formId, purpose, format, restrictedIncluded = filter.IncludeRestricted },
            string.Create(CultureInfo.InvariantCulture, $"format={format} from={from:O} to={to:O} form={formId} purpose={purpose}"),
            // R49: one person's proof is a read of that person.
            personId is null ? null : Marketing.Access.RecordAudit.PersonObject);
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"consent-proof.{format}", (stream, token) => ProofFiles.WriteAsync(format, ConsentProof.StreamAsync(db, filter, token), stream, token)),
            new($"sends.{format}", (stream, token) => ProofFiles.WriteAsync(format, ConsentProof.StreamSendsAsync(db, filter, token), stream, token)),
        ], ct);
    }

    /// <summary>
    /// The cookie-consent log (E7, R28): every choice made on a banner, with the configuration of each banner
    /// version it names, so that a hash in a record can be matched to the texts, purposes and vendors shown.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportCookieConsentsAsync(
        string? format, string? siteId, DateTimeOffset? from, DateTimeOffset? to, string? consentId,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, from, to) is { } problem)
        {
            return problem;
        }

        var filter = new CookieConsentFilter(siteId, from, to, consentId);
        var spec = new ExportArchive.Spec("E7 cookie-consent log", "cookie-consents", "cookie_consents.exported", siteId,
            new { siteId, from, to, consentId, format },
            string.Create(CultureInfo.InvariantCulture, $"format={format} site={siteId} from={from:O} to={to:O} consent={consentId}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"cookie-consents.{format}", (stream, token) => ProofFiles.WriteAsync(format, CookieConsentLog.StreamAsync(db, filter, token), stream, token)),
            new("banner-versions.json", (stream, token) => ProofFiles.WriteAsync(ProofFiles.Json, CookieConsentLog.VersionsAsync(db, filter, token), stream, token)),
        ], ct);
    }
}
