using System.Net;
using System.Text.Json;
using Marketing.Capture;
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
        string Honeypot, IReadOnlyDictionary<string, string> Texts);
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
            CaptureTexts.For(shown));
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> SubmitAsync(
        string siteId, string formId, HttpContext http, PublishedForms forms, FormTokens tokens,
        SiteCorsPolicyProvider origins, SubmissionWriter writer, ResolvedSettings settings, CancellationToken ct)
    {
        var request = http.Request;
        var isJson = request.HasJsonContentType();
        if (!isJson && !request.HasFormContentType)
        {
            return Problems.Field("contentType", "send application/json (the widget) or application/x-www-form-urlencoded (an HTML form)");
        }

        var parsed = isJson ? await SubmissionRequest.FromJsonAsync(request, ct) : await SubmissionRequest.FromFormAsync(request, ct);
        if (parsed.Error is { } parseError)
        {
            return Problems.Field(parseError.Field, parseError.Message);
        }

        var body = parsed.Request!;
        var latest = await forms.GetLatestAsync(formId, ct);
        if (latest is null || latest.SiteId != siteId)
        {
            return Problems.Field("formId", $"no form '{formId}' is published on site '{siteId}'");
        }

        var form = body.FormVersion is { } version ? await forms.GetAsync(formId, version, ct) : latest;
        if (form is null)
        {
            return Problems.Field("formVersion", $"version {body.FormVersion} of form '{formId}' is not published");
        }

        if (request.Headers.Origin is [{ } origin] && !(await origins.AllowedOriginsAsync(http)).Contains(origin))
        {
            return TypedResults.Problem(title: "This origin may not submit this form.", detail: origin, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!string.IsNullOrEmpty(body.Honeypot))
        {
            return Problems.Field("honeypot", "must be left empty");
        }

        // A plain HTML form without the widget has no token to send; the honeypot and the rate limit still apply to it.
        if ((isJson || body.Token is not null) && tokens.Check(form.FormId, body.Token, form.MinFillSeconds) is { } tokenProblem)
        {
            return Problems.Field("token", tokenProblem);
        }

        var evidence = Evidence(http, body, settings.Raw.Capture);
        var (accepted, errors) = ValidateSubmission.Handle(form, body.Raw, evidence);
        if (accepted is null)
        {
            return Problems.Fields(errors);
        }

        var recorded = await writer.WriteAsync(accepted, ct);
        if (!isJson)
        {
            var target = form.Success.RedirectUrl ?? evidence.PageUrl;
            if (target is null)
            {
                return TypedResults.Content(SuccessPage(form, accepted.Locale), "text/html");
            }

            // 303: the browser follows with a GET, so a reload does not post the form again.
            http.Response.Headers.Location = target;
            return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        }

        var response = new SubmissionResponse(recorded.Result.SubmissionId, recorded.Result.Status, recorded.Result.Consents,
            form.Success.Message?.GetValueOrDefault(accepted.Locale) ?? form.Success.Message?.Values.FirstOrDefault(), form.Success.RedirectUrl);
        if (recorded.Replayed)
        {
            http.Response.Headers["Idempotent-Replay"] = "true";
            return TypedResults.Ok(response);
        }

        return TypedResults.Created((string?)null, response);
    }

    private static SubmissionEvidence Evidence(HttpContext http, SubmissionRequest body, CaptureSettings capture)
    {
        var pageUrl = Truncate(body.PageUrl ?? http.Request.Headers.Referer.ToString(), 2000);
        var utm = new Dictionary<string, string>(body.Utm);
        if (pageUrl is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var page))
        {
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(page.Query))
            {
                if (key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && key.Length <= 40 && !utm.ContainsKey(key[4..]))
                {
                    utm[key[4..].ToLowerInvariant()] = Truncate(value.ToString(), 200)!;
                }
            }
        }

        return new SubmissionEvidence(pageUrl, Truncate(body.Referrer, 2000), utm,
            IpEvidence.Truncate(http.Connection.RemoteIpAddress, capture.IpPrefixV4, capture.IpPrefixV6),
            Truncate(http.Request.Headers.UserAgent.ToString(), 512));
    }

    private static string? PreferredLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault();

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private static string SuccessPage(PublishedForm form, string locale) =>
        $"<!doctype html><html lang=\"{locale}\"><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(form.Name)}</title><p role=\"status\">{WebUtility.HtmlEncode(form.Success.Message?.GetValueOrDefault(locale) ?? "OK")}</p></html>";
}
