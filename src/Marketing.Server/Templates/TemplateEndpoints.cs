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

    private static async Task<Ok<List<TemplateView>>> ListAsync(MarketingDbContext db, TemplateStore store, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().ToListAsync(ct);
        var views = saved.Select(t => new TemplateView(t.Key, t.Locale, t.MessageType, t.Subject, t.Html, t.Text, "saved", t.Channel))
            .Concat(store.Defaults.Where(d => !saved.Any(s => s.Key == d.Key && s.Locale == d.Locale))
                .Select(d => new TemplateView(d.Key, d.Locale, d.MessageType, d.Subject, d.Html, d.Text, "default", d.Channel)))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Locale, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<TemplateView>, NotFound>> GetAsync(string key, string locale, MarketingDbContext db, TemplateStore store, CancellationToken ct)
    {
        if (await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, ct) is { } saved)
        {
            return TypedResults.Ok(new TemplateView(saved.Key, saved.Locale, saved.MessageType, saved.Subject, saved.Html, saved.Text, "saved", saved.Channel));
        }

        return store.Defaults.FirstOrDefault(d => d.Key == key && d.Locale == locale) is { } d
            ? TypedResults.Ok(new TemplateView(d.Key, d.Locale, d.MessageType, d.Subject, d.Html, d.Text, "default", d.Channel))
            : TypedResults.NotFound();
    }

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
        try
        {
            return await RenderPreviewAsync(key, locale, db, store, renderer, sender, settings, ct);
        }
        catch (TemplateRenderException e)
        {
            return Problems.Field("template", $"does not render with sample data: {e.Message}");
        }
    }

    private static async Task<Results<Ok<PreviewView>, NotFound, ValidationProblem>> RenderPreviewAsync(
        string key, string locale, MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, SenderIdentity sender, ResolvedSettings settings, CancellationToken ct)
    {
        var set = await store.LoadAsync(db, [key], ct);
        if (set.Find(key, locale) is not { } template)
        {
            return TypedResults.NotFound();
        }

        if (template.Channel == ChannelKeys.Sms)
        {
            var name = SmsSetup.SenderName(settings) is { Length: > 0 } configured ? configured : "Acme";
            var text = renderer.RenderText(template.Text ?? "", TemplateSamples.Model(template.MessageType, template.Locale, name, name));
            var counted = Marketing.Channels.Sms.SmsSegments.Count(text);
            return TypedResults.Ok(new PreviewView("", "", text, ChannelKeys.Sms, counted.Encoding, counted.Segments, counted.Units));
        }

        var model = TemplateSamples.Model(template.MessageType, template.Locale, sender.LegalName ?? "Acme", sender.LegalName ?? "Acme SAS", sender.PostalAddress);
        var rendered = renderer.Render(template, set.Find(TemplateFiles.LayoutKey, template.Locale), model);
        return TypedResults.Ok(new PreviewView(rendered.Subject, rendered.Html, rendered.Text));
    }
}
