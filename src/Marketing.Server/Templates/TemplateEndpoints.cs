using System.Security.Claims;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Sms;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Templates;

/// <summary>Templates for marketers: list, read, save (with parse errors by line and column), and preview with sample data.</summary>
public static class TemplateEndpoints
{
    public sealed record TemplateView(string Key, string Locale, string MessageType, string Subject, string Html, string? Text, string Origin, string Channel = Channels.Email);
    /// <param name="Channel"><c>email</c> (the default) or <c>sms</c>; an SMS template has a <paramref name="Body"/> only.</param>
    public sealed record SaveRequest(string? MessageType, string? Subject, string? Html, string? Text, string? Channel = null, string? Body = null);
    /// <param name="Encoding">SMS only: GSM-7 or UCS-2, and the parts the rendered text is billed as.</param>
    public sealed record PreviewView(string Subject, string Html, string Text, string Channel = Channels.Email, string? Encoding = null, int? Segments = null, int? Units = null);

    public static RouteGroupBuilder MapTemplatesAdmin(this RouteGroupBuilder admin)
    {
        var templates = admin.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.AnyKey);
        templates.MapGet("/{key}/{locale}", GetAsync).RequireAuthorization(AccessPolicies.AnyKey);
        templates.MapPut("/{key}/{locale}", SaveAsync).RequireAuthorization(AccessPolicies.Marketing);
        templates.MapPost("/{key}/{locale}/preview", PreviewAsync).RequireAuthorization(AccessPolicies.AnyKey);
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
        string key, string locale, SaveRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user,
        TemplateRenderer renderer, TemplateStore store, ResolvedSettings settings, CancellationToken ct)
    {
        request ??= new SaveRequest(null, null, null, null);
        if (!user.IsInRole(ApiKeyRoles.Admin) && await AdminOnlyBecauseAsync(db, store, key, request.MessageType, ct) is { } reason)
        {
            return TypedResults.Problem(title: "Only an admin key may save this template.", detail: reason, statusCode: StatusCodes.Status403Forbidden);
        }

        if (request.Channel == Channels.Sms)
        {
            return await SaveSmsAsync(key, locale, request, db, clock, user, renderer, settings, ct);
        }

        var errors = new Dictionary<string, string[]>();
        var layout = key == TemplateFiles.LayoutKey;
        if (request.Channel is not (null or Channels.Email))
        {
            errors["channel"] = ["must be email or sms"];
        }

        if (!IsTemplateKey(key))
        {
            errors["key"] = ["must be 2 to 64 lowercase letters, digits or hyphens, starting with a letter"];
        }

        if (!PurposeRules.IsValidLocale(locale))
        {
            errors["locale"] = ["is not a locale such as en or fr-FR"];
        }

        if (!layout && (request.MessageType is null || !MessageTypes.All.Contains(request.MessageType)))
        {
            errors["messageType"] = [$"must be one of: {string.Join(", ", MessageTypes.All)}"];
        }

        if (!layout && string.IsNullOrWhiteSpace(request.Subject))
        {
            errors["subject"] = ["is required"];
        }

        if (string.IsNullOrWhiteSpace(request.Html))
        {
            errors["html"] = ["is required"];
        }
        else if (request.MessageType != MessageTypes.Marketing && request.Html.Contains("data-promotional", StringComparison.OrdinalIgnoreCase))
        {
            // Promotional blocks turn a confirmation or transactional message into marketing (R20, R60).
            errors["html"] = [$"a {request.MessageType} template cannot contain promotional blocks (data-promotional)"];
        }

        foreach (var error in TemplateRenderer.Validate(request.Subject ?? "", request.Html ?? "", request.Text))
        {
            errors[error.Part] = [.. (errors.GetValueOrDefault(error.Part) ?? []), error.ToString()];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var template = await SavedOrNewAsync(db, key, locale, ct);

        // The same key and locale may have been an SMS template before.
        template.Channel = Channels.Email;
        template.MessageType = layout ? "layout" : request.MessageType!;
        template.Subject = request.Subject ?? "";
        template.Html = request.Html!;
        template.Text = request.Text;
        template.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "template.saved", $"{key}/{locale}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TemplateView(key, locale, template.MessageType, template.Subject, template.Html, template.Text, "saved"));
    }

    /// <summary>Every template the key has, saved or shipped, in any locale and channel, weighs: a transactional English one makes the key an admin's.</summary>
    private static async Task<string?> AdminOnlyBecauseAsync(MarketingDbContext db, TemplateStore store, string key, string? messageType, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key).Select(t => t.MessageType).ToListAsync(ct);
        return TemplateAuthority.AdminOnlyBecause(key, messageType, saved.Concat(store.Defaults.Where(d => d.Key == key).Select(d => d.MessageType)));
    }

    /// <summary>
    /// An SMS template: a body only. A French marketing one must name the sender and say STOP (R58), checked on the
    /// body as it renders, so a template may write the name itself or as <c>{{ sender.name }}</c>.
    /// </summary>
    private static async Task<Results<Ok<TemplateView>, ValidationProblem, ProblemHttpResult>> SaveSmsAsync(string key, string locale, SaveRequest request,
        MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, TemplateRenderer renderer, ResolvedSettings settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var body = request.Body ?? request.Text;
        if (!IsTemplateKey(key) || key == TemplateFiles.LayoutKey)
        {
            errors["key"] = ["must be 2 to 64 lowercase letters, digits or hyphens, starting with a letter (and not 'layout')"];
        }

        if (!PurposeRules.IsValidLocale(locale))
        {
            errors["locale"] = ["is not a locale such as en or fr-FR"];
        }

        if (request.MessageType is null || !MessageTypes.All.Contains(request.MessageType))
        {
            errors["messageType"] = [$"must be one of: {string.Join(", ", MessageTypes.All)}"];
        }

        if (!string.IsNullOrEmpty(request.Subject) || !string.IsNullOrEmpty(request.Html))
        {
            errors["body"] = ["an SMS template has a body only: no subject, no html"];
        }
        else if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["is required"];
        }
        else if (TemplateRenderer.Validate("", "", body) is { Count: > 0 } parse)
        {
            errors["body"] = [.. parse.Select(e => (e with { Part = "body" }).ToString())];
        }
        else if (request.MessageType == MessageTypes.Marketing && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
        {
            var sender = SmsSetup.SenderName(settings);
            var rendered = RenderOrNull(renderer, body, SampleModel(MessageTypes.Marketing, locale, sender, sender), errors);
            if (rendered is not null && Marketing.Sms.SmsContent.MissingForFrance(rendered, sender) is { } missing)
            {
                errors["body"] = [$"a French marketing SMS must name its sender and say how to stop for free (R58): it lacks {missing}"];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var template = await SavedOrNewAsync(db, key, locale, ct);

        template.Channel = Channels.Sms;
        template.MessageType = request.MessageType!;
        template.Subject = "";
        template.Html = "";
        template.Text = body;
        template.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "template.saved", $"{key}/{locale} (sms)"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TemplateView(key, locale, template.MessageType, "", "", body, "saved", Channels.Sms));
    }

    private static bool IsTemplateKey(string key) => System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9-]{1,63}$");

    /// <summary>The sample data of every preview and save-time check, with the sender's details where the caller has them.</summary>
    private static TemplateModel SampleModel(string messageType, string locale, string senderName, string legalName, string? postalAddress = null) => new(messageType, locale,
        new Dictionary<string, string?> { ["first_name"] = "Ana", ["email"] = "ana@example.com", ["phone"] = "+33612345678" },
        new Dictionary<string, string?>
        {
            ["name"] = senderName, ["legal_name"] = legalName, ["postal_address"] = postalAddress ?? "1 rue de l'Exemple, 75001 Paris",
        },
        new Dictionary<string, string?>
        {
            ["confirm"] = "https://engine.example/email/confirm/sample", ["confirm_valid_days"] = "7",
            ["unsubscribe"] = "https://engine.example/email/unsubscribe/sample", ["preferences"] = "https://engine.example/email/preferences/sample",
        },
        new Dictionary<string, string?> { ["key"] = "newsletter", ["name"] = "Newsletter" });

    private static async Task<MessageTemplate> SavedOrNewAsync(MarketingDbContext db, string key, string locale, CancellationToken ct)
    {
        if (await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, ct) is { } saved)
        {
            return saved;
        }

        var template = new MessageTemplate { Key = key, Locale = locale, MessageType = "", Subject = "", Html = "" };
        db.MessageTemplates.Add(template);
        return template;
    }

    private static string? RenderOrNull(TemplateRenderer renderer, string body, TemplateModel model, Dictionary<string, string[]> errors)
    {
        try
        {
            return renderer.RenderText(body, model);
        }
        catch (TemplateRenderException e)
        {
            errors["body"] = [$"does not render with sample data: {e.Message}"];
            return null;
        }
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

        if (template.Channel == Channels.Sms)
        {
            var name = SmsSetup.SenderName(settings) is { Length: > 0 } configured ? configured : "Acme";
            var text = renderer.RenderText(template.Text ?? "", SampleModel(template.MessageType, template.Locale, name, name));
            var counted = Marketing.Sms.SmsSegments.Count(text);
            return TypedResults.Ok(new PreviewView("", "", text, Channels.Sms, counted.Encoding, counted.Segments, counted.Units));
        }

        var model = SampleModel(template.MessageType, template.Locale, sender.LegalName ?? "Acme", sender.LegalName ?? "Acme SAS", sender.PostalAddress);
        var rendered = renderer.Render(template, set.Find(TemplateFiles.LayoutKey, template.Locale), model);
        return TypedResults.Ok(new PreviewView(rendered.Subject, rendered.Html, rendered.Text));
    }
}
