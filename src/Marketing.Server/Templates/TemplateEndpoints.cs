using System.Security.Claims;
using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Channels.Sms;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Templates;

/// <summary>Templates for marketers: list, read, save (<see cref="SaveTemplate"/>), and preview with sample data.</summary>
public static class TemplateEndpoints
{
    public sealed record TemplateView(string Key, string Locale, string MessageType, string Subject, string Html, string? Text, string Origin, string Channel = ChannelKeys.Email);
    /// <param name="Encoding">SMS only: GSM-7 or UCS-2, and the parts the rendered text is billed as.</param>
    public sealed record PreviewView(string Subject, string Html, string Text, string Channel = ChannelKeys.Email, string? Encoding = null, int? Segments = null, int? Units = null);

    public static RouteGroupBuilder MapTemplatesAdmin(this RouteGroupBuilder admin)
    {
        var templates = admin.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("/", ListAsync).WithName("ListTemplates").RequireAuthorization(AccessPolicies.AnyKey);
        templates.MapGet("/{key}/{locale}", GetAsync).WithName("GetTemplate").RequireAuthorization(AccessPolicies.AnyKey);
        templates.MapPut("/{key}/{locale}", SaveAsync).WithName("SaveTemplate").RequireAuthorization(AccessPolicies.Marketing);
        templates.MapPost("/{key}/{locale}/preview", PreviewAsync).WithName("PreviewTemplate").RequireAuthorization(AccessPolicies.AnyKey);
        return admin;
    }

    private static async Task<Ok<List<TemplateView>>> ListAsync(MarketingDbContext db, TemplateStore store, CancellationToken ct) =>
        TypedResults.Ok((await ReadTemplates.ListAsync(db, store, ct)).Select(View).ToList());

    private static async Task<Results<Ok<TemplateView>, NotFound>> GetAsync(string key, string locale, MarketingDbContext db, TemplateStore store, CancellationToken ct) =>
        await ReadTemplates.OneAsync(db, store, key, locale, ct) is { } row ? TypedResults.Ok(View(row)) : TypedResults.NotFound();

    private static TemplateView View(ReadTemplates.Row t) => new(t.Key, t.Locale, t.MessageType, t.Subject, t.Html, t.Text, t.Origin, t.Channel);

    private static async Task<Results<Ok<TemplateView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string key, string locale, SaveTemplate.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user,
        TemplateRenderer renderer, TemplateStore store, ResolvedSettings settings, CancellationToken ct)
    {
        var caller = new SaveTemplate.Caller(user.Actor(), user.IsInRole(ApiKeyRoles.Admin), SmsSetup.SenderName(settings));
        var outcome = await SaveTemplate.HandleAsync(db, store, renderer, clock, key, locale, request ?? new SaveTemplate.Command(null, null, null, null), caller, ct);
        return outcome.Refusal switch
        {
            Refusal.Forbidden forbidden => Problems.Forbidden(forbidden),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Ok(new TemplateView(key, locale, outcome.Value.MessageType, outcome.Value.Subject, outcome.Value.Html, outcome.Value.Text, "saved", outcome.Value.Channel)),
        };
    }

    /// <summary>Renders with sample data through the same renderer and layout as a real send; for SMS, with its encoding and segments.</summary>
    private static async Task<Results<Ok<PreviewView>, NotFound, ValidationProblem>> PreviewAsync(
        string key, string locale, MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, SenderIdentity sender, ResolvedSettings settings, CancellationToken ct)
    {
        var preview = await PreviewTemplate.SavedAsync(db, store, renderer, key, locale, PreviewSender(sender, settings), ct);
        return preview switch
        {
            null => TypedResults.NotFound(),
            { Rendered: false } => Problems.Field("template", $"does not render with sample data: {preview.Failure ?? string.Join("; ", preview.Errors)}"),
            { Sms: { } sms } => TypedResults.Ok(new PreviewView("", "", preview.Text, ChannelKeys.Sms, sms.Encoding, sms.Segments, sms.Units)),
            _ => TypedResults.Ok(new PreviewView(preview.Subject, preview.Html, preview.Text)),
        };
    }

    /// <summary>The sender the samples carry: the configured legal sender and SMS name (the web app's preview uses the same).</summary>
    public static PreviewTemplate.Sender PreviewSender(SenderIdentity sender, ResolvedSettings settings) =>
        new(sender.LegalName, sender.PostalAddress, SmsSetup.SenderName(settings));
}
