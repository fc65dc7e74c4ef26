using System.Text.Json;
using Marketing.Capture;
using Marketing.Server.Hosting;

namespace Marketing.Server.Capture;

/// <summary>
/// A submission read from either wire format. The widget posts JSON; a plain HTML form posts its fields by
/// name, consent boxes as <c>consent=&lt;purpose&gt;</c>, and the engine's own fields with a leading underscore.
/// </summary>
public sealed record SubmissionRequest(
    int? FormVersion,
    string? Token,
    string? Honeypot,
    string? PageUrl,
    string? Referrer,
    IReadOnlyDictionary<string, string> Utm,
    RawSubmission Raw)
{
    public sealed record ParseError(string Field, string Message);
    public sealed record Parsed(SubmissionRequest? Request, ParseError? Error);

    private static readonly string[] UtmKeys = ["source", "medium", "campaign", "term", "content"];

    public static async Task<Parsed> FromJsonAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        // Strict: a key given twice is refused, and every string is read (and checked) here, not later.
        var (document, problem) = StrictJson.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        if (problem is not null)
        {
            return Fail(problem.Field, problem.Message);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", "must be a JSON object");
            }

            int? version = null;
            if (root.TryGetProperty("formVersion", out var v))
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var parsed) || parsed < 1)
                {
                    return Fail("formVersion", "must be a positive whole number");
                }

                version = parsed;
            }
            else
            {
                return Fail("formVersion", "is required: the version of the form that was shown");
            }

            var fields = new Dictionary<string, string?>();
            if (root.TryGetProperty("fields", out var f))
            {
                if (f.ValueKind != JsonValueKind.Object)
                {
                    return Fail("fields", "must be an object of field names to values");
                }

                foreach (var property in f.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                }
            }

            var consents = new List<string>();
            if (root.TryGetProperty("consents", out var c))
            {
                if (c.ValueKind != JsonValueKind.Array || c.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                {
                    return Fail("consents", "must be a list of the purposes whose box was ticked");
                }

                consents.AddRange(c.EnumerateArray().Select(x => x.GetString()!));
            }

            var context = root.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object ? ctx : default;
            var utm = new Dictionary<string, string>();
            if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("utm", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in UtmKeys)
                {
                    if (u.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 200 } text)
                    {
                        utm[key] = text;
                    }
                }
            }

            var raw = new RawSubmission(String(root, "submissionId"), fields, consents, String(context, "locale"), String(context, "timeZone"));
            return new Parsed(new SubmissionRequest(version, String(root, "token"), String(root, "honeypot"),
                String(context, "pageUrl"), String(context, "referrer"), utm, raw), null);
        }
    }

    public static async Task<Parsed> FromFormAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        int? version = null;
        if (form.TryGetValue("_form_version", out var v) && !string.IsNullOrEmpty(v))
        {
            if (!int.TryParse(v, out var parsed) || parsed < 1)
            {
                return Fail("formVersion", "must be a positive whole number");
            }

            version = parsed;
        }

        var fields = form.Keys.Where(k => !k.StartsWith('_') && k != "consent" && !k.StartsWith("utm_", StringComparison.Ordinal))
            .ToDictionary(k => k, k => (string?)form[k].ToString());
        var utm = UtmKeys.Where(k => !string.IsNullOrEmpty(form[$"utm_{k}"])).ToDictionary(k => k, k => form[$"utm_{k}"].ToString());
        // Without the widget there is no retry to recognise, so each post gets an id of its own.
        var clientId = form["_submission_id"] is { Count: > 0 } id ? id.ToString() : Guid.NewGuid().ToString("N");
        var raw = new RawSubmission(clientId, fields, [.. form["consent"].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!)],
            Value(form, "_locale"), Value(form, "_time_zone"));
        return new Parsed(new SubmissionRequest(version, Value(form, "_token"), Value(form, CaptureEndpoints.HoneypotName),
            Value(form, "_page_url"), Value(form, "_referrer"), utm, raw), null);
    }

    private static Parsed Fail(string field, string message) => new(null, new ParseError(field, message));

    private static string? Value(IFormCollection form, string key) => form.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
