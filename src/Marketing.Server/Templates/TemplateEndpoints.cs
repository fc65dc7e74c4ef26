using System.Security.Claims;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Templates;

/// <summary>Templates for marketers: list, read, save (with parse errors by line and column), and preview with sample data.</summary>
public static class TemplateEndpoints
{
    public sealed record TemplateView(string Key, string Locale, string MessageType, string Subject, string Html, string? Text, string Origin);
    public sealed record SaveRequest(string? MessageType, string? Subject, string? Html, string? Text);
    public sealed record PreviewView(string Subject, string Html, string Text);

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
        var views = saved.Select(t => new TemplateView(t.Key, t.Locale, t.MessageType, t.Subject, t.Html, t.Text, "saved"))
            .Concat(store.Defaults.Where(d => !saved.Any(s => s.Key == d.Key && s.Locale == d.Locale))
                .Select(d => new TemplateView(d.Key, d.Locale, d.MessageType, d.Subject, d.Html, d.Text, "default")))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Locale, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<TemplateView>, NotFound>> GetAsync(string key, string locale, MarketingDbContext db, TemplateStore store, CancellationToken ct)
    {
        if (await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, ct) is { } saved)
        {
            return TypedResults.Ok(new TemplateView(saved.Key, saved.Locale, saved.MessageType, saved.Subject, saved.Html, saved.Text, "saved"));
        }

        return store.Defaults.FirstOrDefault(d => d.Key == key && d.Locale == locale) is { } d
            ? TypedResults.Ok(new TemplateView(d.Key, d.Locale, d.MessageType, d.Subject, d.Html, d.Text, "default"))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<TemplateView>, ValidationProblem>> SaveAsync(
        string key, string locale, SaveRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        request ??= new SaveRequest(null, null, null, null);
        var errors = new Dictionary<string, string[]>();
        var layout = key == TemplateFiles.LayoutKey;
        if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9-]{1,63}$"))
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

        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, ct);
        if (template is null)
        {
            template = new MessageTemplate { Key = key, Locale = locale, MessageType = "", Subject = "", Html = "" };
            db.MessageTemplates.Add(template);
        }

        template.MessageType = layout ? "layout" : request.MessageType!;
        template.Subject = request.Subject ?? "";
        template.Html = request.Html!;
        template.Text = request.Text;
        template.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "template.saved", $"{key}/{locale}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TemplateView(key, locale, template.MessageType, template.Subject, template.Html, template.Text, "saved"));
    }

    /// <summary>Renders with sample data through the same renderer and layout as a real send.</summary>
    private static async Task<Results<Ok<PreviewView>, NotFound>> PreviewAsync(
        string key, string locale, MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, SenderIdentity sender, CancellationToken ct)
    {
        var set = await store.LoadAsync(db, [key], ct);
        if (set.Find(key, locale) is not { } template)
        {
            return TypedResults.NotFound();
        }

        var model = new TemplateModel(template.MessageType, template.Locale,
            new Dictionary<string, string?> { ["first_name"] = "Ana", ["email"] = "ana@example.com" },
            new Dictionary<string, string?> { ["name"] = sender.LegalName ?? "Acme", ["legal_name"] = sender.LegalName ?? "Acme SAS", ["postal_address"] = sender.PostalAddress ?? "1 rue de l'Exemple, 75001 Paris" },
            new Dictionary<string, string?>
            {
                ["confirm"] = "https://engine.example/email/confirm/sample", ["confirm_valid_days"] = "7",
                ["unsubscribe"] = "https://engine.example/email/unsubscribe/sample", ["preferences"] = "https://engine.example/email/preferences/sample",
            },
            new Dictionary<string, string?> { ["key"] = "newsletter", ["name"] = "Newsletter" });
        var rendered = renderer.Render(template, set.Find(TemplateFiles.LayoutKey, template.Locale), model);
        return TypedResults.Ok(new PreviewView(rendered.Subject, rendered.Html, rendered.Text));
    }
}
