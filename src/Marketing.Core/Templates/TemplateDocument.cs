using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Sending;

namespace Marketing.Templates;

/// <summary>
/// A template as written: its kind, its subject line and its HTML (and optionally text) body, all Scriban.
/// An SMS template has no subject nor HTML: its body is <see cref="Text"/>.
/// </summary>
public sealed record TemplateDocument(string Key, string Locale, string MessageType, string Subject, string Html, string? Text,
    string Channel = ChannelKeys.Email);

/// <summary>
/// The defaults shipped in <c>templates/</c>: <c>{key}.{locale}.html</c>, each beginning with a header of
/// <c>type:</c> and <c>subject:</c> lines closed by <c>---</c>, and <c>layout.{locale}.html</c>, the shared frame.
/// SMS templates are <c>{key}.{locale}.sms.txt</c>, with the same header (no subject) and a plain-text body.
/// </summary>
public static partial class TemplateFiles
{
    public const string LayoutKey = "layout";

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*)\.(?<locale>[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)\.html$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*)\.(?<locale>[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)\.sms\.txt$")]
    private static partial Regex SmsFileName();

    public static IReadOnlyList<TemplateDocument> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var documents = new List<TemplateDocument>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.html").Order(StringComparer.Ordinal))
        {
            var name = FileName().Match(Path.GetFileName(path));
            if (!name.Success)
            {
                continue;
            }

            documents.Add(Parse(name.Groups["key"].Value, name.Groups["locale"].Value, File.ReadAllText(path)));
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.sms.txt").Order(StringComparer.Ordinal))
        {
            var name = SmsFileName().Match(Path.GetFileName(path));
            if (name.Success)
            {
                var parsed = Parse(name.Groups["key"].Value, name.Groups["locale"].Value, File.ReadAllText(path));
                // Editors add a final newline; an SMS pays for every character.
                documents.Add(parsed with { Subject = "", Html = "", Text = parsed.Html.TrimEnd('\r', '\n'), Channel = ChannelKeys.Sms });
            }
        }

        return documents;
    }

    public static TemplateDocument Parse(string key, string locale, string content)
    {
        if (key == LayoutKey)
        {
            return new TemplateDocument(key, locale, "layout", "", content, null);
        }

        var type = MessageTypes.Transactional;
        var subject = "";
        using var reader = new StringReader(content);
        while (reader.ReadLine() is { } line && line.Trim() != "---")
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].Trim())
            {
                case "type": type = value; break;
                case "subject": subject = value; break;
            }
        }

        return new TemplateDocument(key, locale, type, subject, reader.ReadToEnd(), null);
    }
}
