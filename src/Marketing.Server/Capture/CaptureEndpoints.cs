using Marketing.Capture;
using Marketing.Diagnostics;
using Marketing.Server.Hosting;
using Marketing.Server.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Marketing.Server.Capture;

/// <summary>What the form widget (or a plain HTML form) calls: the published form, and the submission endpoint.</summary>
public static class CaptureEndpoints
{
    public const string HoneypotName = "_website";
    public const string SubmissionRateLimitPolicy = "capture-per-ip";

    public sealed record FieldView(string Name, string Type, string Label, bool Required, int MaxLength, IReadOnlyList<string>? Options);
    public sealed record ConsentView(string Purpose, string Channel, string Text, int NoticeVersion, string NoticeSha256, bool DoubleOptIn);
    public sealed record PrivacyView(string? Url, int Version);
    public sealed record SuccessView(string? Message, string? RedirectUrl);
    public sealed record FormRenderView(string FormId, int Version, string Locale, string Name, IReadOnlyList<FieldView> Fields,
        IReadOnlyList<ConsentView> Consents, PrivacyView PrivacyNotice, SuccessView Success, string Token, string SubmitUrl,
        string Honeypot, IReadOnlyDictionary<string, string> Texts, string Theme);
    public sealed record SubmissionResponse(Guid SubmissionId, string Status, IReadOnlyList<ConsentOutcome> Consents, string? Message, string? RedirectUrl);

    public static RouteGroupBuilder MapCapturePublic(this RouteGroupBuilder publicApi)
    {
        var forms = publicApi.MapGroup("/sites/{siteId}/forms/{formId}").WithTags("Capture");
        forms.MapGet("/", RenderAsync).WithName("RenderForm");
        forms.MapPost("/submissions", SubmitAsync).WithName("SubmitForm").RequireRateLimiting(SubmissionRateLimitPolicy)
            .AcceptsBody("application/json", "application/x-www-form-urlencoded");
        return publicApi;
    }

    private static async Task<Results<Ok<FormRenderView>, ProblemHttpResult>> RenderAsync(
        string siteId, string formId, string? locale, HttpContext http, PublishedForms forms, FormTokens tokens, CancellationToken ct)
    {
        var form = await forms.GetLatestAsync(formId, ct);
        if (form is null || form.SiteId != siteId)
        {
            return TypedResults.Problem(title: "No such form.", detail: $"Form '{formId}' is not published on site '{siteId}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var shown = form.LocaleFor(locale ?? PreferredLanguage(http.Request));
        var privacy = form.PrivacyNotice[shown];
        var view = new FormRenderView(
            form.FormId, form.Version, shown, form.Name,
            form.Fields.Select(f => new FieldView(f.Name!, f.Type!, f.Label!.GetValueOrDefault(shown) ?? f.Label!.Values.First(), f.Required,
                f.MaxLength ?? FieldTypes.DefaultMaxLength(f.Type!), f.Options)).ToList(),
            form.Consents.Select(c => new ConsentView(c.PurposeKey, c.Channel, c.Wording[shown].Text, c.Wording[shown].Version, c.Wording[shown].Sha256, c.DoubleOptIn)).ToList(),
            new PrivacyView(privacy.Url, privacy.Version),
            new SuccessView(form.Success.Message?.GetValueOrDefault(shown) ?? form.Success.Message?.Values.FirstOrDefault(), form.Success.RedirectUrl),
            tokens.Issue(form.FormId),
            $"/public/sites/{siteId}/forms/{formId}/submissions",
            HoneypotName,
            CaptureTexts.For(shown),
            form.Theme);
        return TypedResults.Ok(view);
    }

    // Untyped on purpose: a plain HTML form's post is answered with an HTML page, the widget's with JSON.
    private static async Task<IResult> SubmitAsync(
        string siteId, string formId, HttpContext http, PublishedForms forms, FormTokens tokens,
        SiteCorsPolicyProvider origins, SubmissionWriter writer, ResolvedSettings settings, CancellationToken ct)
    {
        var request = http.Request;
        var page = CapturePages.WantsPage(request);
        var preferred = PreferredLanguage(request);
        var browserLocale = CaptureTexts.Language(preferred);
        var isJson = request.HasJsonContentType();
        if (!isJson && !request.HasFormContentType)
        {
            return Refuse(page, null, browserLocale, null, "contentType", "send application/json (the widget) or application/x-www-form-urlencoded (an HTML form)");
        }

        var parsed = isJson ? await SubmissionRequest.FromJsonAsync(request, ct) : await SubmissionRequest.FromFormAsync(request, ct);
        if (parsed.Error is { } parseError)
        {
            return Refuse(page, null, browserLocale, null, parseError.Field, parseError.Message);
        }

        var body = parsed.Request!;
        var latest = await forms.GetLatestAsync(formId, ct);
        if (latest is null || latest.SiteId != siteId)
        {
            return Refuse(page, null, browserLocale, null, "formId", $"no form '{formId}' is published on site '{siteId}'");
        }

        var form = body.FormVersion is { } version ? await forms.GetAsync(formId, version, ct) : latest;
        var locale = (form ?? latest).LocaleFor(body.Raw.Locale ?? preferred);
        var allowed = await origins.AllowedOriginsAsync(http);
        var backTo = EvidenceRules.AllowedPage(body.PageUrl, allowed);
        if (form is null)
        {
            return Refuse(page, latest, locale, backTo, "formVersion", $"version {body.FormVersion} of form '{formId}' is not published");
        }

        if (request.Headers.Origin is [{ } origin] && !allowed.Contains(origin))
        {
            return page
                ? CapturePages.Problems(form, locale, new Dictionary<string, string[]> { ["origin"] = [$"{origin} may not submit this form"] }, null, StatusCodes.Status403Forbidden)
                : TypedResults.Problem(title: "This origin may not submit this form.", detail: origin, statusCode: StatusCodes.Status403Forbidden);
        }

        // Every problem in one answer: a missing token or a filled honeypot does not hide a bad email.
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(body.Honeypot))
        {
            errors["honeypot"] = [CaptureTexts.Say(locale, "honeypot")];
        }

        // A plain HTML form without the widget has no token to send; the honeypot and the rate limit still apply to it.
        if ((isJson || body.Token is not null) && tokens.Check(form.FormId, body.Token, form.MinFillSeconds) is { } tokenProblem)
        {
            errors["token"] = [CaptureTexts.Say(locale, tokenProblem)];
        }

        var evidence = Evidence(http, body, settings.Raw.Capture);
        var (accepted, fieldErrors) = ValidateSubmission.Handle(form, body.Raw, evidence);
        foreach (var (key, messages) in fieldErrors)
        {
            errors[key] = messages;
        }

        if (errors.Count > 0)
        {
            MarketingMetrics.Refused(siteId, formId, errors);
            return page ? CapturePages.Problems(form, locale, errors, backTo, StatusCodes.Status400BadRequest) : Problems.Fields(errors);
        }

        var recorded = await writer.WriteAsync(accepted!, ct);
        MarketingMetrics.Submitted(siteId, formId, recorded.Replayed ? MarketingMetrics.SubmissionOutcomes.Replayed : MarketingMetrics.SubmissionOutcomes.Accepted);
        if (!isJson && page)
        {
            // Only the form's own thank-you URL is ever a redirect target (no open redirect, no header from a post).
            if (EvidenceRules.AbsoluteHttp(form.Success.RedirectUrl) is { } thanks)
            {
                // 303: the browser follows with a GET, so a reload does not post the form again.
                http.Response.Headers.Location = thanks.AbsoluteUri;
                return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
            }

            return CapturePages.ThankYou(form, accepted!.Locale, backTo);
        }

        var response = new SubmissionResponse(recorded.Result.SubmissionId, recorded.Result.Status, recorded.Result.Consents,
            form.Success.Message?.GetValueOrDefault(accepted!.Locale) ?? form.Success.Message?.Values.FirstOrDefault(), form.Success.RedirectUrl);
        if (recorded.Replayed)
        {
            http.Response.Headers["Idempotent-Replay"] = "true";
            return TypedResults.Ok(response);
        }

        return TypedResults.Created((string?)null, response);
    }

    private static IResult Refuse(bool page, PublishedForm? form, string locale, Uri? backTo, string field, string message) =>
        page
            ? CapturePages.Problems(form, locale, new Dictionary<string, string[]> { [field] = [message] }, backTo, StatusCodes.Status400BadRequest)
            : Problems.Field(field, message);

    /// <summary>
    /// The evidence kept with the submission (R14), each value by <see cref="EvidenceRules"/>: what is cut or dropped is noted.
    /// The page is the one the form names (<c>_page_url</c>, <c>context.pageUrl</c>); a cross-origin Referer is cut by
    /// browsers to the site's origin, which is not the page, so it stands in only when it names a path.
    /// </summary>
    private static SubmissionEvidence Evidence(HttpContext http, SubmissionRequest body, CaptureSettings capture)
    {
        var notes = new List<string>();
        string? Keep(EvidenceRules.Kept kept)
        {
            if (kept.Note is not null)
            {
                notes.Add(kept.Note);
            }

            return kept.Value;
        }

        var referer = http.Request.Headers.Referer.ToString();
        var pageUrl = Keep(EvidenceRules.Url("pageUrl", body.PageUrl ?? (EvidenceRules.AbsoluteHttp(referer) is { AbsolutePath: not "/" } ? referer : null)));
        var utm = new Dictionary<string, string>();
        foreach (var (key, value) in body.Utm)
        {
            if (Keep(EvidenceRules.Text($"utm.{key}", value, EvidenceRules.MaxUtmLength)) is { } kept)
            {
                utm[key] = kept;
            }
        }

        if (EvidenceRules.AbsoluteHttp(pageUrl) is { } page)
        {
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(page.Query))
            {
                if (key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && key.Length <= 40 && !utm.ContainsKey(key[4..].ToLowerInvariant())
                    && Keep(EvidenceRules.Text(key.ToLowerInvariant(), value.ToString(), EvidenceRules.MaxUtmLength)) is { } kept)
                {
                    utm[key[4..].ToLowerInvariant()] = kept;
                }
            }
        }

        return new SubmissionEvidence(pageUrl, Keep(EvidenceRules.Url("referrer", body.Referrer)), utm,
            IpEvidence.Truncate(http.Connection.RemoteIpAddress, capture.IpPrefixV4, capture.IpPrefixV6),
            Keep(EvidenceRules.Text("userAgent", http.Request.Headers.UserAgent.ToString(), EvidenceRules.MaxUserAgentLength)),
            notes);
    }

    private static string? PreferredLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault();
}
