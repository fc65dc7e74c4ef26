using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Channels.Sms;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Templates;

/// <summary>
/// Saves a template in one locale: an email one (subject, HTML, optional text) or an SMS one (a body only), with
/// parse errors by line and column. Who may save it is <see cref="TemplateAuthority"/>'s rule (R60), checked first.
/// </summary>
public static partial class SaveTemplate
{
    /// <param name="Channel"><c>email</c> (the default) or <c>sms</c>; an SMS template has a <paramref name="Body"/> only.</param>
    public sealed record Command(string? MessageType, string? Subject, string? Html, string? Text, string? Channel = null, string? Body = null);

    /// <param name="ByAdmin">The caller holds the admin role: only an admin shapes what leaves without marketing consent.</param>
    /// <param name="SmsSenderName">The sender name SMS are signed with, which a French marketing SMS must show (R58).</param>
    public sealed record Caller(string Actor, bool ByAdmin, string SmsSenderName);

    public static async Task<Outcome<MessageTemplate>> HandleAsync(MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, TimeProvider clock,
        string key, string locale, Command command, Caller caller, CancellationToken ct)
    {
        if (!caller.ByAdmin && await ReadTemplates.AdminOnlyBecauseAsync(db, store, key, command.MessageType, ct) is { } reason)
        {
            return new Refusal.Forbidden("Only an admin key may save this template.", reason);
        }

        var sms = command.Channel == ChannelKeys.Sms;
        var errors = sms ? CheckSms(key, locale, command, renderer, caller.SmsSenderName) : CheckEmail(key, locale, command);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var template = await SavedOrNewAsync(db, key, locale, ct);
        // The same key and locale may have been a template of the other channel before.
        template.Channel = sms ? ChannelKeys.Sms : ChannelKeys.Email;
        template.MessageType = sms || key != TemplateFiles.LayoutKey ? command.MessageType! : "layout";
        template.Subject = sms ? "" : command.Subject ?? "";
        template.Html = sms ? "" : command.Html!;
        template.Text = sms ? command.Body ?? command.Text : command.Text;
        template.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, caller.Actor, "template.saved", sms ? $"{key}/{locale} (sms)" : $"{key}/{locale}"));
        await db.SaveChangesAsync(ct);
        return template;
    }

    private static RuleErrors CheckEmail(string key, string locale, Command command)
    {
        var errors = new RuleErrors();
        var layout = key == TemplateFiles.LayoutKey;
        if (command.Channel is not (null or ChannelKeys.Email))
        {
            errors.Set("channel", "template.channel");
        }

        if (!IsTemplateKey(key))
        {
            errors.Set("key", "template.key");
        }

        if (!PurposeRules.IsValidLocale(locale))
        {
            errors.Set("locale", "template.locale");
        }

        if (!layout && (command.MessageType is null || !MessageTypes.All.Contains(command.MessageType)))
        {
            errors.Set("messageType", "template.messageType", ("types", MessageTypes.All));
        }

        if (!layout && string.IsNullOrWhiteSpace(command.Subject))
        {
            errors.Set("subject", "template.required");
        }

        if (string.IsNullOrWhiteSpace(command.Html))
        {
            errors.Set("html", "template.required");
        }
        else if (command.MessageType != MessageTypes.Marketing && command.Html.Contains("data-promotional", StringComparison.OrdinalIgnoreCase))
        {
            // Promotional blocks turn a confirmation or transactional message into marketing (R20, R60).
            errors.Set("html", "template.promotional", ("type", command.MessageType));
        }

        foreach (var error in TemplateRenderer.Validate(command.Subject ?? "", command.Html ?? "", command.Text))
        {
            AppendParseError(errors, error);
        }

        foreach (var (element, expression) in RemoteImageRule.Check(command.Html ?? ""))
        {
            // R30: a remote image whose address names the recipient is a tracker, whatever consent the recipient gave.
            errors.Append("html", "template.recipientImage", ("element", element), ("expression", expression.Trim()));
        }

        return errors;
    }

    /// <summary>
    /// A body only. A French marketing one must name the sender and say STOP (R58), checked on the body as it
    /// renders, so a template may write the name itself or as <c>{{ sender.name }}</c>.
    /// </summary>
    private static RuleErrors CheckSms(string key, string locale, Command command, TemplateRenderer renderer, string senderName)
    {
        var errors = new RuleErrors();
        var body = command.Body ?? command.Text;
        if (!IsTemplateKey(key) || key == TemplateFiles.LayoutKey)
        {
            errors.Set("key", "template.smsKey");
        }

        if (!PurposeRules.IsValidLocale(locale))
        {
            errors.Set("locale", "template.locale");
        }

        if (command.MessageType is null || !MessageTypes.All.Contains(command.MessageType))
        {
            errors.Set("messageType", "template.messageType", ("types", MessageTypes.All));
        }

        if (!string.IsNullOrEmpty(command.Subject) || !string.IsNullOrEmpty(command.Html))
        {
            errors.Set("body", "template.smsBodyOnly");
        }
        else if (string.IsNullOrWhiteSpace(body))
        {
            errors.Set("body", "template.required");
        }
        else if (TemplateRenderer.Validate("", "", body) is { Count: > 0 } parse)
        {
            foreach (var error in parse)
            {
                AppendParseError(errors, error with { Part = "body" });
            }
        }
        else if (command.MessageType == MessageTypes.Marketing && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
        {
            var rendered = RenderOrNull(renderer, body, TemplateSamples.Model(MessageTypes.Marketing, locale, senderName, senderName), errors);
            if (rendered is not null && SmsContent.MissingForFrance(rendered, senderName) is { } missing)
            {
                errors.Set("body", "template.smsFrance", ("missing", missing));
            }
        }

        return errors;
    }

    private static void AppendParseError(RuleErrors errors, TemplateError error) =>
        errors.Append(error.Part, "template.parse", ("part", error.Part), ("line", error.Line), ("column", error.Column), ("message", error.Message));

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    private static partial Regex TemplateKey();

    private static bool IsTemplateKey(string key) => TemplateKey().IsMatch(key);

    /// <summary>
    /// The fields at fault (<c>key</c>, <c>locale</c>, <c>channel</c>) in what names a new template, by the rules a save
    /// applies: an editor refuses a template it could never save before anything is written.
    /// </summary>
    public static IReadOnlyList<string> NamingProblems(string? key, string? locale, string? channel)
    {
        var sms = channel == ChannelKeys.Sms;
        var problems = new List<string>();
        if (key is null || !IsTemplateKey(key) || (sms && key == TemplateFiles.LayoutKey))
        {
            problems.Add("key");
        }

        if (!PurposeRules.IsValidLocale(locale))
        {
            problems.Add("locale");
        }

        if (channel is not (ChannelKeys.Email or ChannelKeys.Sms))
        {
            problems.Add("channel");
        }

        return problems;
    }

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

    private static string? RenderOrNull(TemplateRenderer renderer, string body, TemplateModel model, RuleErrors errors)
    {
        try
        {
            return renderer.RenderText(body, model);
        }
        catch (TemplateRenderException e)
        {
            errors.Set("body", "template.render", ("message", e.Message));
            return null;
        }
    }
}
