using Marketing.Channels.Sms;
using Marketing.Consent;
using Marketing.Data;

namespace Marketing.Templates;

/// <summary>
/// A template rendered with <see cref="TemplateSamples"/> through the same renderer and layout as a real send: a saved
/// one (the API's preview) or a draft not saved yet (the editor's live preview). Parse errors come back by part, line and
/// column; an SMS comes back with its encoding and segments.
/// </summary>
public static class PreviewTemplate
{
    /// <summary>Whose name the samples carry: the email's legal sender, and the name an SMS is signed with.</summary>
    public sealed record Sender(string? LegalName, string? PostalAddress, string SmsName);

    /// <param name="Errors">Parse errors: <c>subject</c>, <c>html</c>, <c>text</c> (email) or <c>body</c> (SMS), 1-based.</param>
    /// <param name="Failure">The template parses but does not run with the sample data.</param>
    /// <param name="Layout">The layout the HTML was wrapped in, or null (an SMS, the layout itself, or none shipped).</param>
    public sealed record Result(string Channel, string Subject, string Html, string Text, SmsEncoding? Sms,
        IReadOnlyList<TemplateError> Errors, string? Failure, TemplateDocument? Layout)
    {
        public bool Rendered => Errors.Count == 0 && Failure is null;
    }

    /// <summary>The saved (or shipped) template of this key and locale, with the locale fallback a send uses; null when the key has none.</summary>
    public static async Task<Result?> SavedAsync(MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, string key, string locale, Sender sender, CancellationToken ct)
    {
        var set = await store.LoadAsync(db, [key], ct);
        return set.Find(key, locale) is { } template ? Render(renderer, template, set.Find(TemplateFiles.LayoutKey, template.Locale), sender) : null;
    }

    /// <summary>A draft, with the layout the key's locale would be wrapped in.</summary>
    public static async Task<Result> DraftAsync(MarketingDbContext db, TemplateStore store, TemplateRenderer renderer, TemplateDocument draft, Sender sender, CancellationToken ct)
    {
        var set = await store.LoadAsync(db, [], ct);
        var layout = draft.Key == TemplateFiles.LayoutKey || draft.Channel == ChannelKeys.Sms ? null : set.Find(TemplateFiles.LayoutKey, draft.Locale);
        return Render(renderer, draft, layout, sender);
    }

    public static Result Render(TemplateRenderer renderer, TemplateDocument template, TemplateDocument? layout, Sender sender)
    {
        var sms = template.Channel == ChannelKeys.Sms;
        var errors = sms
            ? [.. TemplateRenderer.Validate("", "", template.Text ?? "").Select(e => e with { Part = "body" })]
            : TemplateRenderer.Validate(template.Subject, template.Html, template.Text);
        if (errors.Count > 0)
        {
            return new Result(template.Channel, "", "", "", null, errors, null, layout);
        }

        try
        {
            if (sms)
            {
                var name = sender.SmsName is { Length: > 0 } configured ? configured : "Acme";
                var text = renderer.RenderText(template.Text ?? "", TemplateSamples.Model(template.MessageType, template.Locale, name, name));
                return new Result(ChannelKeys.Sms, "", "", text, SmsSegments.Count(text), [], null, null);
            }

            var model = TemplateSamples.Model(template.MessageType, template.Locale, sender.LegalName ?? "Acme", sender.LegalName ?? "Acme SAS", sender.PostalAddress);
            var rendered = renderer.Render(template, template.Key == TemplateFiles.LayoutKey ? null : layout, model);
            return new Result(ChannelKeys.Email, rendered.Subject, rendered.Html, rendered.Text, null, [], null, layout);
        }
        catch (TemplateRenderException e)
        {
            return new Result(template.Channel, "", "", "", null, [], e.Message, layout);
        }
    }
}
