using System.Net;
using System.Text;
using Marketing.Capture;
using Marketing.Server.Hosting;

namespace Marketing.Server.Capture;

/// <summary>
/// What a person's browser gets after posting a plain HTML form (no JavaScript): a thank-you page, or a page listing
/// every problem with a way back, in the form's or the browser's language. Scripts and the widget get JSON instead.
/// The pages run no script and load only the engine's stylesheet.
/// </summary>
public static class CapturePages
{
    /// <summary>
    /// A page for a person's browser: a plain form post (form content type) or a request accepting HTML, unless it
    /// names a JSON type (a script that wants problem+json keeps it).
    /// </summary>
    public static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Any(a => a.MediaType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return false;
        }

        return request.HasFormContentType || accept.Any(a => a.MediaType.Equals("text/html"));
    }

    public static IResult ThankYou(PublishedForm form, string locale, Uri? page)
    {
        var message = form.Success.Message?.GetValueOrDefault(locale) ?? form.Success.Message?.Values.FirstOrDefault();
        var body = new StringBuilder();
        body.Append("<p role=\"status\">").Append(E(message ?? CaptureTexts.Say(locale, "thanks"))).Append("</p>");
        BackLink(body, locale, page);
        return HtmlPage.Titled(locale, CaptureTexts.Say(locale, "thanks"), body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>Every problem of the post at once, each under the label the person saw.</summary>
    public static IResult Problems(PublishedForm? form, string locale, IReadOnlyDictionary<string, string[]> errors, Uri? page, int status)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(E(CaptureTexts.Say(locale, "problemsIntro"))).Append("</p><ul>");
        foreach (var (key, messages) in errors)
        {
            var label = Label(form, locale, key);
            body.Append("<li>");
            if (label is not null)
            {
                body.Append("<strong>").Append(E(label)).Append("</strong>: ");
            }

            body.Append(E(string.Join(" ", messages.Select(m => CaptureTexts.Say(locale, m))))).Append("</li>");
        }

        body.Append("</ul>");
        BackLink(body, locale, page);
        return HtmlPage.Titled(locale, CaptureTexts.Say(locale, "problemsTitle"), body.ToString(), status);
    }

    public static IResult TooMany(string locale) =>
        HtmlPage.Titled(locale, CaptureTexts.Say(locale, "tooManyTitle"), $"<p>{E(CaptureTexts.Say(locale, "tooMany"))}</p>", StatusCodes.Status429TooManyRequests);

    private static void BackLink(StringBuilder body, string locale, Uri? page)
    {
        // Only a page on an allowed origin gets a link: the engine never sends a person to an address a post chose.
        body.Append(page is null
            ? $"<p>{E(CaptureTexts.Say(locale, "useBack"))}</p>"
            : $"<p><a href=\"{E(page.AbsoluteUri)}\">{E(CaptureTexts.Say(locale, "back"))}</a></p>");
    }

    /// <summary>The field's label in the page's language for <c>fields.x</c>; none for the engine's own keys (token, honeypot).</summary>
    private static string? Label(PublishedForm? form, string locale, string key)
    {
        if (key is "token" or "honeypot")
        {
            return null;
        }

        var field = key.StartsWith("fields.", StringComparison.Ordinal) ? form?.Fields.FirstOrDefault(f => f.Name == key[7..]) : null;
        return field?.Label?.GetValueOrDefault(locale) ?? field?.Label?.Values.FirstOrDefault() ?? key;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
