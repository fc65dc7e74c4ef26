using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Marketing.Server.PublicEndpoints;

/// <summary>
/// A body compressed once at the best levels (Brotli quality 11, gzip level 9) and served as the representation the
/// browser accepts, each with its own strong ETag. What every page view of a customer's site downloads is compressed
/// once, not on every request at the fast levels that leave Brotli larger than gzip -9.
/// </summary>
public sealed class Precompressed
{
    private const int BrotliQuality = 11;
    private const int BrotliWindow = 22;

    private Precompressed(byte[] identity, string contentType)
    {
        Identity = identity;
        ContentType = contentType;
        Tag = Convert.ToHexStringLower(SHA256.HashData(identity))[..32];
        Brotli = CompressBrotli(identity);
        Gzip = CompressGzip(identity);
    }

    public byte[] Identity { get; }
    public byte[] Brotli { get; }
    public byte[] Gzip { get; }
    public string ContentType { get; }
    /// <summary>The content's hash; each encoding's ETag adds its name, so a cache never mixes representations.</summary>
    public string Tag { get; }

    public static Precompressed Of(byte[] identity, string contentType) => new(identity, contentType);

    /// <summary>
    /// Writes the representation the request accepts (br, then gzip, then none), or a bodiless 304 when the request
    /// already holds it. <c>Vary: Accept-Encoding</c> always, so a shared cache keeps one copy per encoding.
    /// </summary>
    public Task WriteAsync(HttpContext http, string cacheControl, string? alsoVaryOn = null)
    {
        var (encoding, body) = Choose(http.Request);
        var response = http.Response;
        var etag = encoding is null ? $"\"{Tag}\"" : $"\"{Tag}-{encoding}\"";
        response.Headers.ETag = etag;
        response.Headers.Vary = alsoVaryOn is null ? HeaderNames.AcceptEncoding : $"{HeaderNames.AcceptEncoding}, {alsoVaryOn}";
        response.Headers.CacheControl = cacheControl;
        if (http.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(t => t.Trim() == etag || t.Trim() == $"W/{etag}" || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    /// <summary>This body as an endpoint's typed result, written by <see cref="WriteAsync"/>.</summary>
    public Served AsResult(string cacheControl, string? alsoVaryOn = null) => new(this, cacheControl, alsoVaryOn);

    public sealed class Served(Precompressed body, string cacheControl, string? alsoVaryOn) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => body.WriteAsync(httpContext, cacheControl, alsoVaryOn);
    }

    private (string? Encoding, byte[] Body) Choose(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string name) => accepted.Any(a => (a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Value == "*") && (a.Quality ?? 1) > 0)
            && !accepted.Any(a => a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && a.Quality == 0);
        return Accepts("br") ? ("br", Brotli) : Accepts("gzip") ? ("gzip", Gzip) : (null, Identity);
    }

    private static byte[] CompressBrotli(byte[] source)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(source.Length)];
        if (!BrotliEncoder.TryCompress(source, buffer, out var written, BrotliQuality, BrotliWindow))
        {
            throw new InvalidOperationException("Brotli could not compress the widget.");
        }

        return buffer[..written];
    }

    private static byte[] CompressGzip(byte[] source)
    {
        using var output = new MemoryStream();
        // SmallestSize is zlib's level 9, as gzip -9.
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(source);
        }

        return output.ToArray();
    }
}
