using System.Net;
using System.Text;
using Marketing.Capture;

namespace Marketing.Server.Capture;

/// <summary>
/// The code a site owner pastes (docs/api/capture.md): the widget's script tag, and a plain HTML form of a published
/// version that posts without JavaScript, with the engine's hidden fields and the honeypot.
/// </summary>
public static class EmbedSnippet
{
    public static string Script(string engine, string siteId, string formId) =>
        $"<script src=\"{Attr(Base(engine))}/widgets/form.js\" data-site=\"{Attr(siteId)}\" data-form=\"{Attr(formId)}\" async></script>";

    public static string Html(string engine, PublishedForm form, string pagePlaceholder)
    {
        var locale = form.DefaultLocale;
        var html = new StringBuilder();
        html.Append($"<form action=\"{Attr(Base(engine))}/public/sites/{Attr(form.SiteId)}/forms/{Attr(form.FormId)}/submissions\" method=\"post\">\n");
        foreach (var field in form.Fields)
        {
            var name = Attr(field.Name!);
            var label = Text(field.Label?.GetValueOrDefault(locale) ?? field.Label?.Values.FirstOrDefault() ?? field.Name!);
            var required = field.Required ? " required" : "";
            html.Append("  <p>");
            switch (field.Type)
            {
                case FieldTypes.Checkbox:
                    html.Append($"<label><input type=\"checkbox\" name=\"{name}\" value=\"true\"{required}> {label}</label>");
                    break;
                case FieldTypes.Textarea:
                    html.Append($"<label for=\"{name}\">{label}</label> <textarea id=\"{name}\" name=\"{name}\"{required}></textarea>");
                    break;
                case FieldTypes.Select:
                    html.Append($"<label for=\"{name}\">{label}</label> <select id=\"{name}\" name=\"{name}\"{required}><option value=\"\"></option>");
                    foreach (var option in field.Options ?? [])
                    {
                        html.Append($"<option>{Text(option)}</option>");
                    }

                    html.Append("</select>");
                    break;
                default:
                    var type = field.Type switch { FieldTypes.Email => "email", FieldTypes.Phone => "tel", _ => "text" };
                    html.Append($"<label for=\"{name}\">{label}</label> <input id=\"{name}\" name=\"{name}\" type=\"{type}\"{required}>");
                    break;
            }

            html.Append("</p>\n");
        }

        foreach (var consent in form.Consents)
        {
            var wording = consent.Wording.GetValueOrDefault(locale) ?? consent.Wording.Values.First();
            html.Append($"  <p><label><input type=\"checkbox\" name=\"consent\" value=\"{Attr(consent.PurposeKey)}\"> {Text(wording.Text)}</label></p>\n");
        }

        if ((form.PrivacyNotice.GetValueOrDefault(locale) ?? form.PrivacyNotice.Values.FirstOrDefault())?.Url is { } privacy)
        {
            html.Append($"  <p><a href=\"{Attr(privacy)}\">{Text(CaptureTexts.For(locale)["privacy"])}</a></p>\n");
        }

        html.Append($"  <input type=\"hidden\" name=\"_page_url\" value=\"{Attr(pagePlaceholder)}\">\n");
        html.Append($"  <input type=\"hidden\" name=\"_locale\" value=\"{Attr(locale)}\">\n");
        html.Append($"  <div hidden><label for=\"{CaptureEndpoints.HoneypotName}\">{Text(CaptureTexts.For(locale)["honeypot"])}</label>" +
            $"<input id=\"{CaptureEndpoints.HoneypotName}\" name=\"{CaptureEndpoints.HoneypotName}\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        html.Append($"  <button type=\"submit\">{Text(CaptureTexts.For(locale)["submit"])}</button>\n");
        html.Append("</form>");
        return html.ToString();
    }

    private static string Base(string engine) => engine.TrimEnd('/');

    private static string Attr(string value) => WebUtility.HtmlEncode(value);

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
