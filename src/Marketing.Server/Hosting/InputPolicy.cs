using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Marketing.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Marketing.Server.Hosting;

/// <summary>
/// The protocol-level rules every routed request meets before its endpoint reads it, whatever the feature:
/// text holds no refused character (<see cref="StoredText"/>) in the route, the query, a header, a form or a JSON body;
/// a body is read whole within the endpoint's size limit (413), is of a type the endpoint documents (415), is not
/// compressed (415), and is well-formed for its type (400: JSON without duplicate keys, valid UTF-8, a form within
/// the form reader's limits), unless the endpoint streams it (<see cref="StreamsBodyAttribute"/>). Each refusal is a problem naming the field, before anything is stored (invariant 6).
/// Runs after authorisation, so that a body is read only for a caller who may send it.
/// </summary>
public static class InputPolicy
{
    /// <summary>Kestrel's default, for endpoints that set none and servers that enforce none (the in-memory test server).</summary>
    public const long DefaultMaxBodyBytes = 30_000_000;

    /// <summary>
    /// Routing's own content-type check would pick a bodiless 415 endpoint that cannot say which types are accepted;
    /// without it the request reaches its endpoint, and the policy answers 415 naming them.
    /// </summary>
    public static IServiceCollection AddInputPolicy(this IServiceCollection services)
    {
        services.AddRouting();
        var accepts = services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy)
            && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList();
        if (accepts.Count == 0)
        {
            throw new InvalidOperationException("Routing's AcceptsMatcherPolicy was not found: the input policy could not replace it.");
        }

        accepts.ForEach(d => services.Remove(d));
        return services;
    }

    public static IApplicationBuilder UseInputPolicy(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is not { } endpoint || await CheckAsync(context, endpoint) is not { } refused)
        {
            await next(context);
            return;
        }

        await refused.ExecuteAsync(context);
    });

    private static async Task<IResult?> CheckAsync(HttpContext context, Endpoint endpoint)
    {
        var request = context.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && StoredText.FirstRefused(text) >= 0)
            {
                return Problems.Field(name, StoredText.Describe(text));
            }
        }

        if (request.QueryString.HasValue && !IsUtf8AfterPercentDecoding(request.QueryString.Value!, rawBytes: false))
        {
            return Problems.Field("query", "is not valid UTF-8 once percent-decoded");
        }

        foreach (var (name, values) in request.Query)
        {
            if (FirstRefused(name, values) is { } problem)
            {
                return Problems.Field(name, problem);
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // Header values are Latin-1 on the wire: only the control characters are refused (tab is folding whitespace).
                if (value is not null && HasControl(value))
                {
                    return Problems.Field(name, "holds a control character");
                }
            }
        }

        if (!HasBody(request))
        {
            return null;
        }

        if (request.Headers.ContentEncoding is { Count: > 0 } coding && coding.ToString() is var codings
            && !codings.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.AcceptEncoding = "identity";
            return Problems.Unsupported("Content-Encoding", $"'{codings}' is not accepted: send the body uncompressed");
        }

        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts is null || accepts.ContentTypes.Count == 0)
        {
            return Problems.Unsupported("Content-Type", "this endpoint takes no request body");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !accepts.ContentTypes.Any(a => Matches(a, contentType)))
        {
            return Problems.Unsupported("Content-Type", $"send one of: {string.Join(", ", accepts.ContentTypes)}");
        }

        var limit = MaxBodyBytes(context, endpoint);
        if (request.ContentLength > limit)
        {
            return Problems.TooLarge("body", $"is larger than the {limit} bytes accepted here");
        }

        if (endpoint.Metadata.GetMetadata<StreamsBodyAttribute>() is not null)
        {
            // ADR 0021: a large upload is read by its endpoint as it arrives, which checks each part as this policy would.
            return null;
        }

        byte[] body;
        try
        {
            body = await ReadAsync(request.Body, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge("body", $"is larger than the {limit} bytes accepted here");
        }

        if (body.Length > limit)
        {
            return Problems.TooLarge("body", $"is larger than the {limit} bytes accepted here");
        }

        // Endpoints read the checked copy: the body is read from the network once.
        request.Body = new MemoryStream(body, writable: false);
        var media = contentType.MediaType.Value ?? "";
        if (IsJson(media))
        {
            if (body.Length == 0)
            {
                return null;
            }

            var (document, jsonProblem) = StrictJson.Parse(body);
            document?.Dispose();
            return jsonProblem is null ? null : Problems.Field(jsonProblem.Field, jsonProblem.Message);
        }

        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) && CheckUrlEncoded(body) is { } formProblem)
        {
            return formProblem;
        }

        if (request.HasFormContentType)
        {
            return await CheckFormAsync(request, endpoint.Metadata.GetMetadata<AcceptsFilesAttribute>() is not null);
        }

        if (media.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            string text;
            try
            {
                text = StrictUtf8.GetString(body);
            }
            catch (DecoderFallbackException)
            {
                return Problems.Field("body", "is not valid UTF-8 text");
            }

            return StoredText.FirstRefused(text) >= 0 ? Problems.Field("body", StoredText.Describe(text)) : null;
        }

        return null;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007F')
            {
                return true;
            }
        }

        return false;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<IResult?> CheckFormAsync(HttpRequest request, bool filesAccepted)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            // "Missing content-type boundary", "Form value count limit 1024 exceeded", "Form key length limit 2048 exceeded", …
            return ErrorResponses.FormProblem(e);
        }
        catch (IOException e)
        {
            // A multipart body that ends before its closing boundary (the body itself is already whole in memory).
            return Problems.Field("body", $"is not a complete form: {e.Message}");
        }

        if (form.Files.Count > 0 && !filesAccepted)
        {
            return Problems.Unsupported(form.Files[0].Name is { Length: > 0 } name ? name : "body", "files are not accepted here");
        }

        foreach (var (name, values) in form)
        {
            if (FirstRefused(name, values) is { } problem)
            {
                return Problems.Field(StoredText.FirstRefused(name) >= 0 ? "body" : name, problem);
            }
        }

        return null;
    }

    private static string? FirstRefused(string name, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (StoredText.FirstRefused(name) >= 0)
        {
            return $"names a key that {StoredText.Describe(name)}";
        }

        foreach (var value in values)
        {
            if (value is not null && StoredText.FirstRefused(value) >= 0)
            {
                return StoredText.Describe(value);
            }
        }

        return null;
    }

    /// <summary>A request has a body when it says so: a non-zero Content-Length, or chunked. GET, HEAD, DELETE and OPTIONS bodies are never read.</summary>
    private static bool HasBody(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsOptions(request.Method))
        && (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0));

    private static long MaxBodyBytes(HttpContext context, Endpoint endpoint)
    {
        var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? DefaultMaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return limit;
    }

    /// <summary>Reads at most one byte past the limit, so that an endless chunked body costs no more than the limit.</summary>
    private static async Task<byte[]> ReadAsync(Stream body, long limit, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - copy.Length)), ct)) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > limit)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copy.ToArray();
    }

    private static bool IsJson(string media) =>
        media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static bool Matches(string accepted, MediaTypeHeaderValue given)
    {
        var media = given.MediaType.Value ?? "";
        return media.Equals(accepted, StringComparison.OrdinalIgnoreCase)
            || (accepted.Equals("application/json", StringComparison.OrdinalIgnoreCase) && IsJson(media));
    }

    /// <summary>
    /// Each pair of an application/x-www-form-urlencoded body, decoded as the form reader will, so that a refused
    /// character is named by its key (the reader itself would only say the form is unreadable).
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? CheckUrlEncoded(byte[] body)
    {
        var text = Encoding.Latin1.GetString(body);
        foreach (var pair in text.Split('&'))
        {
            var parts = pair.Split('=', 2);
            var (key, keyOk) = Decode(parts[0]);
            var (value, valueOk) = parts.Length > 1 ? Decode(parts[1]) : ("", true);
            var field = keyOk && StoredText.FirstRefused(key) < 0 ? key : "body";
            if (!keyOk || !valueOk)
            {
                return Problems.Field(field, "is not valid UTF-8 once percent-decoded");
            }

            if (FirstRefused(key, value) is { } problem)
            {
                return Problems.Field(field, problem);
            }
        }

        return null;
    }

    private static (string Text, bool Valid) Decode(string encoded)
    {
        var plus = encoded.Replace('+', ' ');
        if (!IsUtf8AfterPercentDecoding(plus, rawBytes: true))
        {
            return ("", false);
        }

        var bytes = new List<byte>(plus.Length);
        for (var i = 0; i < plus.Length; i++)
        {
            if (plus[i] == '%' && i + 2 < plus.Length && Uri.IsHexDigit(plus[i + 1]) && Uri.IsHexDigit(plus[i + 2]))
            {
                bytes.Add((byte)Convert.ToInt32(plus.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)plus[i]);
            }
        }

        return (Encoding.UTF8.GetString([.. bytes]), true);
    }

    /// <summary>
    /// ASP.NET decodes %XX escapes (and raw bytes) as UTF-8 and quietly replaces what is not; here it is refused instead.
    /// The text holds one byte per character, as received.
    /// </summary>
    private static bool IsUtf8AfterPercentDecoding(string encoded, bool rawBytes)
    {
        var bytes = new byte[encoded.Length];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]))
            {
                bytes[n++] = (byte)Convert.ToInt32(encoded.Substring(i + 1, 2), 16);
                i += 2;
            }
            else
            {
                // A body is given as its bytes (Latin-1): an unescaped byte counts as it is. A query string's wider
                // characters were already decoded from valid UTF-8 by the server.
                if (c < 0x80 || (rawBytes && c <= 0xFF))
                {
                    bytes[n++] = (byte)c;
                }
            }
        }

        return Utf8.IsValid(bytes.AsSpan(0, n));
    }
}

/// <summary>
/// A page or endpoint that takes files in its multipart forms (a suppression list to import); elsewhere a file is a 415.
/// The file's content is the reader's to check, line by line; the form's other fields are checked as any form's.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AcceptsFilesAttribute : Attribute;

/// <summary>
/// An endpoint that reads its body as a stream, within its own size limit (an import's upload, ADR 0021): the policy checks
/// the body's type, coding and declared length, and leaves reading and checking its parts to the endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class StreamsBodyAttribute : Attribute;

/// <summary>An endpoint's body limit, read by <see cref="InputPolicy"/> (and by the server, where it enforces one).</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>The content types an endpoint that reads its own body documents; any other is a 415 (<see cref="InputPolicy"/>).</summary>
public sealed record AcceptsBody(params string[] Types) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => Types;
    /// <summary>The handler reads the body itself: the API description shows any body of the accepted types (a null type breaks it).</summary>
    public Type? RequestType => typeof(System.Text.Json.JsonElement);
    public bool IsOptional => true;
}

public static class AcceptsBodyExtensions
{
    public static TBuilder AcceptsBody<TBuilder>(this TBuilder builder, params string[] types) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsBody(types));

    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(bytes));
}
