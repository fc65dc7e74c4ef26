using System.Net;
using Marketing.Sending;
using Marketing.Templates;

namespace Marketing.Tracking;

/// <summary>What a message carries for tracking, decided where it is rendered, before the gate sends it.</summary>
public static class MessageTracking
{
    /// <summary>
    /// The campaign a message belongs to, the same for all its recipients (R31): a broadcast's <c>campaign</c>, a
    /// sequence's step (<c>seq:{key}@{version}/{step}</c>), or else its template.
    /// </summary>
    public static string Campaign(SendRecord record) =>
        record.Data.GetValueOrDefault("campaign") is { Length: > 0 } campaign ? campaign
        : record.Data.GetValueOrDefault("sequence") is { } sequence && record.Data.GetValueOrDefault("step") is { } step ? $"seq:{sequence}/{step}"
        : $"template:{record.TemplateKey}";

    /// <summary>
    /// The message with its open pixel, put last in the body. Only a message whose layout offers the link to stop measuring
    /// opens gets one (R32): a layout without it sends no pixel rather than a pixel nobody can refuse.
    /// </summary>
    public static RenderedMessage WithPixel(RenderedMessage rendered, string stopLink, string pixel)
    {
        if (!rendered.Html.Contains(WebUtility.HtmlEncode(stopLink), StringComparison.Ordinal))
        {
            return rendered;
        }

        var image = $"<img src=\"{WebUtility.HtmlEncode(pixel)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">";
        var end = rendered.Html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return rendered with { Html = end < 0 ? rendered.Html + image : rendered.Html.Insert(end, image) };
    }
}
