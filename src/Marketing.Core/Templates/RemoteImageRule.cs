using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;
using Scriban;
using Scriban.Syntax;

namespace Marketing.Templates;

/// <summary>
/// A template may not make a mail client fetch an address that differs per recipient (R30): a remote image, a background,
/// a stylesheet or a frame whose address holds a template expression of anything but the sender, the message or the
/// purpose (the same for every recipient). A person's field, a link of the message, a variable, a function (a date, a
/// random number): each could name the reader, so each is refused. The engine's own pixel, added only with consent, is not
/// written by templates.
/// </summary>
public static partial class RemoteImageRule
{
    /// <summary>Values the same for every recipient of a message.</summary>
    private static readonly HashSet<string> SameForAll = ["sender", "message", "purpose"];

    /// <summary>Attributes a mail client loads without a click.</summary>
    private static readonly HashSet<string> Loaded = new(StringComparer.OrdinalIgnoreCase)
    {
        "src", "srcset", "lowsrc", "dynsrc", "background", "poster", "data", "xlink:href", "style",
    };

    /// <summary>Elements whose <c>href</c> is loaded too.</summary>
    private static readonly HashSet<string> LoadedHref = new(StringComparer.OrdinalIgnoreCase) { "link", "image", "use", "feimage" };

    private const char Open = '\uE000';
    private const char Close = '\uE001';

    /// <summary>Each refused place, as <c>(element, expression)</c>; empty when the HTML fetches nothing recipient-dependent.</summary>
    public static IReadOnlyList<(string Element, string Expression)> Check(string html)
    {
        var template = Template.Parse(html);
        if (template.HasErrors || template.Page is null)
        {
            return [];
        }

        var (skeleton, code) = Skeleton(html, template.Page);
        if (code.Count == 0)
        {
            return [];
        }

        // A template that writes into sender, message or purpose could put anything there: then nothing counts as the same for all.
        var sameForAll = code.Any(c => Writes().IsMatch(StringLiteral().Replace(c, " "))) ? [] : SameForAll;
        var found = new List<(string, string)>();
        var tokenizer = new HtmlTokenizer(new StringReader(skeleton));
        var inStyle = false;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag:
                    inStyle = tag.Id == HtmlTagId.Style && !tag.IsEndTag && !tag.IsEmptyElement;
                    foreach (var attribute in tag.Attributes)
                    {
                        // An expression that writes an attribute's name may write any attribute.
                        var loaded = Loaded.Contains(attribute.Name) || (LoadedHref.Contains(tag.Name) && attribute.Name.Equals("href", StringComparison.OrdinalIgnoreCase));
                        var text = attribute.Name + (loaded ? attribute.Value : "");
                        Refuse(Unquote(tag.Name).ToLowerInvariant(), text, code, sameForAll, found);
                    }

                    break;
                case HtmlDataToken data when inStyle:
                    Refuse("style", data.Data, code, sameForAll, found);
                    break;
            }
        }

        return found;
    }

    private static string Unquote(string name) => name.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal);

    private static void Refuse(string element, string text, List<string> code, HashSet<string> sameForAll, List<(string, string)> found)
    {
        foreach (Match m in Placeholder().Matches(text))
        {
            var expression = code[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            if (!IsSameForAll(expression, sameForAll) && !found.Contains((element, expression)))
            {
                found.Add((element, expression));
            }
        }
    }

    /// <summary>Whether every name the expression reads is one of <see cref="SameForAll"/>'s (a member after a dot is that value's own).</summary>
    private static bool IsSameForAll(string expression, HashSet<string> sameForAll)
    {
        var inner = expression.Trim().TrimStart('{').TrimEnd('}').Trim('~', '-', ' ');
        var withoutStrings = StringLiteral().Replace(inner, " ");
        return Root().Matches(withoutStrings).All(m => sameForAll.Contains(m.Value));
    }

    /// <summary>The HTML with each template block replaced by a numbered placeholder, and the blocks' text.</summary>
    private static (string Skeleton, List<string> Code) Skeleton(string source, ScriptNode page)
    {
        var raw = new List<(int Start, int End)>();
        Collect(page, raw);
        raw.Sort();
        var skeleton = new StringBuilder(source.Length);
        var code = new List<string>();
        var at = 0;
        foreach (var (start, end) in raw)
        {
            if (start > at)
            {
                AddCode(source[at..start]);
            }

            skeleton.Append(source, start, end - start);
            at = Math.Max(at, end);
        }

        if (at < source.Length)
        {
            AddCode(source[at..]);
        }

        return (skeleton.ToString(), code);

        void AddCode(string block)
        {
            skeleton.Append(Open).Append(code.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(Close);
            code.Add(block);
        }
    }

    private static void Collect(ScriptNode node, List<(int, int)> raw)
    {
        if (node is ScriptRawStatement)
        {
            raw.Add((node.Span.Start.Offset, node.Span.End.Offset + 1));
            return;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child)
            {
                Collect(child, raw);
            }
        }
    }

    /// <summary>An assignment to, or a capture into, one of the values the same for all.</summary>
    [GeneratedRegex(@"(?<![.\w$])(sender|message|purpose)\b[^=]*?(?<![=!<>])=(?!=)|\bcapture\s+(sender|message|purpose)\b")]
    private static partial Regex Writes();

    [GeneratedRegex("\uE000([0-9]+)\uE001")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    /// <summary>A name not after a dot: a variable, a function or a keyword, all of which the rule refuses unless listed.</summary>
    [GeneratedRegex(@"(?<![.\w$])[A-Za-z_$][A-Za-z0-9_]*")]
    private static partial Regex Root();
}
