using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MimeKit.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Marketing.Templates;

/// <summary>What a template sees: a few plain values, never an entity (so no template can reach the database).</summary>
public sealed record TemplateModel(
    string MessageType,
    string Locale,
    IReadOnlyDictionary<string, string?> Person,
    IReadOnlyDictionary<string, string?> Sender,
    IReadOnlyDictionary<string, string?> Links,
    IReadOnlyDictionary<string, string?> Purpose,
    Func<string, string>? Track = null,
    IReadOnlyDictionary<string, string?>? Art14 = null);

public sealed record RenderedMessage(string Subject, string Html, string Text);

/// <summary>A template that does not parse or does not run with the model it was given.</summary>
public sealed class TemplateRenderException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>Where a template fails to parse, 1-based, as an editor shows it.</summary>
public sealed record TemplateError(string Part, int Line, int Column, string Message)
{
    public override string ToString() => $"{Part} line {Line}, column {Column}: {Message}";
}

/// <summary>
/// Renders Scriban templates into an email's subject, HTML and text. Every value written into the HTML is
/// escaped unless it is HTML the engine itself produced (the body placed in the layout), so a first name of
/// "&lt;script&gt;" arrives as text. Parsed templates are cached by their source.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Scriban's built-in functions, built once: a context builds its own set otherwise, which costs more than
    /// rendering a whole email. Templates only read them, so contexts on many threads can share one set.
    /// </summary>
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    public static IReadOnlyList<TemplateError> Validate(string subject, string html, string? text)
    {
        var errors = new List<TemplateError>();
        Collect("subject", subject, errors);
        Collect("html", html, errors);
        if (text is not null)
        {
            Collect("text", text, errors);
        }

        return errors;
    }

    public RenderedMessage Render(TemplateDocument template, TemplateDocument? layout, TemplateModel model)
    {
        var globals = Globals(model);
        var body = RenderHtml(template.Html, globals, null);
        var html = layout is null ? body : RenderHtml(layout.Html, globals, body);
        var subject = RenderPlain(template.Subject, globals).ReplaceLineEndings(" ").Trim();
        var text = template.Text is null ? HtmlToText(html) : RenderPlain(template.Text, globals);
        return new RenderedMessage(subject, html, text);
    }

    /// <summary>A plain-text body (an SMS): nothing is escaped, since no HTML reader will see it.</summary>
    public string RenderText(string source, TemplateModel model) => RenderPlain(source, Globals(model)).Trim();

    /// <summary>
    /// Any failure of a template — a parse error, or one that shows only when it runs (a loop past Scriban's limit,
    /// a division by zero, a function given the wrong value) — as one exception, so that callers fail that one
    /// message or answer 400, and never lose a batch or answer 500.
    /// </summary>
    private static T Guarded<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateRenderException(e.Message, e);
        }
    }

    private string RenderHtml(string source, ScriptObject globals, string? content) => Guarded(() => RenderHtmlUnguarded(source, globals, content));

    private string RenderHtmlUnguarded(string source, ScriptObject globals, string? content)
    {
        var context = new HtmlEscapingContext(Builtins);
        context.PushGlobal(globals);
        var locals = new ScriptObject();
        if (content is not null)
        {
            locals["content"] = new TrustedHtml(content);
        }

        context.PushGlobal(locals);
        return Parsed(source).Render(context);
    }

    private string RenderPlain(string source, ScriptObject globals) => Guarded(() =>
    {
        var context = new TemplateContext(Builtins);
        context.PushGlobal(globals);
        return Parsed(source).Render(context);
    });

    private Template Parsed(string source) => _parsed.GetOrAdd(source, s =>
    {
        var template = Template.Parse(s);
        return template.HasErrors
            ? throw new TemplateRenderException(string.Join("; ", template.Messages.Select(m => m.ToString())))
            : template;
    });

    private static void Collect(string part, string source, List<TemplateError> errors)
    {
        var template = Template.Parse(source);
        errors.AddRange(template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => new TemplateError(part, m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message)));
    }

    private static ScriptObject Globals(TemplateModel model)
    {
        var globals = new ScriptObject
        {
            ["message"] = Section(new Dictionary<string, string?> { ["type"] = model.MessageType, ["locale"] = model.Locale }),
            ["person"] = Section(model.Person),
            ["sender"] = Section(model.Sender),
            ["links"] = Section(model.Links),
            ["purpose"] = Section(model.Purpose),
            // R52: set only on the message that gives the art. 14 information; the layout shows its block when art14.shown is.
            ["art14"] = Section(model.Art14 ?? new Dictionary<string, string?>()),
        };
        // {{ track "https://…" }}: the engine's click link when the message may track clicks (R31), the address itself otherwise.
        var track = model.Track;
        globals.Import("track", new Func<string, string>(url =>
            track is null || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("https" or "http") ? url : track(url)));
        return globals;
    }

    private static ScriptObject Section(IReadOnlyDictionary<string, string?> values)
    {
        var section = new ScriptObject();
        foreach (var (name, value) in values)
        {
            section[name] = value;
        }

        return section;
    }

    /// <summary>
    /// The text part, from the HTML: links keep their address, block elements end lines, and what a reader
    /// never sees (head, style, script) is dropped.
    /// </summary>
    public static string HtmlToText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        string? href = null;
        var hidden = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlDataToken data when hidden == 0:
                    AppendCollapsed(text, WebUtility.HtmlDecode(data.Data));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Head or HtmlTagId.Style or HtmlTagId.Script or HtmlTagId.Title:
                    hidden += tag.IsEmptyElement ? 0 : tag.IsEndTag ? -1 : 1;
                    hidden = Math.Max(hidden, 0);
                    break;
                case HtmlTagToken { Id: HtmlTagId.A } tag when !tag.IsEndTag:
                    href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                    break;
                case HtmlTagToken { Id: HtmlTagId.A, IsEndTag: true }:
                    if (href is not null && !text.ToString().EndsWith(href, StringComparison.Ordinal))
                    {
                        text.Append(" (").Append(href).Append(')');
                    }

                    href = null;
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br }:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when tag.IsEndTag && tag.Id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.H1 or HtmlTagId.H2
                    or HtmlTagId.H3 or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.Table or HtmlTagId.Footer or HtmlTagId.Header:
                    text.Append("\n\n");
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).ReplaceLineEndings("\n").Trim().Replace("\n\n\n", "\n\n", StringComparison.Ordinal) + "\n";
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] != ' ' && text[^1] != '\n')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    /// <summary>HTML the engine made itself, written as is.</summary>
    private sealed record TrustedHtml(string Html);

    private sealed class HtmlEscapingContext(ScriptObject builtins) : TemplateContext(builtins)
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
        {
            TrustedHtml trusted => Write(trusted.Html),
            null => this,
            string text => Write(WebUtility.HtmlEncode(text)),
            var value => Write(WebUtility.HtmlEncode(ObjectToString(value))),
        };
    }
}
