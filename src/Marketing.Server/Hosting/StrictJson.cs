using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Data;

namespace Marketing.Server.Hosting;

/// <summary>
/// How every request body in JSON is read: a key given twice is refused (which of the two was meant?), and each
/// string is checked when read, not later when a handler happens to touch it (invalid UTF-8, a lone surrogate,
/// a control character are 400s naming the path, never exceptions mid-request).
/// </summary>
public static partial class StrictJson
{
    public const int MaxDepth = 32;

    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    public sealed record Problem(string Field, string Message);

    /// <summary>Parses and checks a whole body; the caller owns the document when there is no problem.</summary>
    public static (JsonDocument? Document, Problem? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e) when (DuplicateKey().Match(e.Message) is { Success: true } duplicate)
        {
            return (null, new Problem(duplicate.Groups["key"].Value, "is given twice in one object: send each key once"));
        }
        catch (JsonException e)
        {
            return (null, new Problem(PathOf(e), $"is not valid JSON: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ')}"));
        }

        if (Check(document.RootElement, "") is { } problem)
        {
            document.Dispose();
            return (null, problem);
        }

        return (document, null);
    }

    /// <summary>Reads every property name and string once, so that nothing fails when a handler reads it later.</summary>
    public static Problem? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ReadText(() => property.Name, path, out var name) is { } nameProblem)
                    {
                        return nameProblem;
                    }

                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (StoredText.FirstRefused(name) >= 0)
                    {
                        return new Problem(at, $"is a key that {StoredText.Describe(name)}");
                    }

                    if (Check(property.Value, at) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{i++}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.String:
                if (ReadText(() => element.GetString()!, path, out var text) is { } textProblem)
                {
                    return textProblem;
                }

                return StoredText.FirstRefused(text) >= 0 ? new Problem(Field(path), StoredText.Describe(text)) : null;
            default:
                return null;
        }
    }

    private static Problem? ReadText(Func<string> read, string path, out string text)
    {
        try
        {
            text = read();
            return null;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json transcodes lazily: invalid UTF-8 bytes or an escaped lone surrogate throw here.
            text = "";
            return new Problem(Field(path), "is not valid UTF-8 text (or escapes an unpaired UTF-16 surrogate)");
        }
    }

    // System.Text.Json's words for a document with a key twice; the path is not given, the key is.
    [GeneratedRegex("^Duplicate property '(?<key>.*)' encountered", RegexOptions.Singleline)]
    private static partial Regex DuplicateKey();

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    private static string PathOf(JsonException e) =>
        e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
}
