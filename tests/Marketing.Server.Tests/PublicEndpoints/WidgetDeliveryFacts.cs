using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>
/// How the widgets reach a visitor: compressed once at the best levels, each encoding with its own ETag; and the
/// banner with its site's configuration in one response revalidated by version, beside the old endpoints.
/// </summary>
public abstract class WidgetDeliveryFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Theory]
    [InlineData("consent.js", "br")]
    [InlineData("consent.js", "gzip")]
    [InlineData("form.js", "br")]
    [InlineData("form.js", "gzip")]
    public async Task Widget_IsServedAtTheBestCompressionLevel_WithVaryAndAnETagOfItsOwn(string file, string encoding)
    {
        var source = File.ReadAllBytes(Path.Combine(Repository.Root, "widgets", file));
        using var client = app.CreateClient();

        var response = await GetAsync(client, $"/widgets/{file}", encoding);
        var body = await response.Content.ReadAsByteArrayAsync();
        var plain = await GetAsync(client, $"/widgets/{file}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(source, Decompress(body, encoding));
        // Brotli 11 and gzip -9 as the command-line tools make them, give or take a header's bytes and 1 % (.NET's zlib-ng
        // and gzip's own deflate choose slightly different matches at the same level).
        Assert.InRange(body.Length, 0, BestLength(source, encoding) * 101 / 100 + 16);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(source, await plain.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(response.Headers.ETag, plain.Headers.ETag);
        Assert.Equal("cross-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, $"/widgets/{file}", encoding, response.Headers.ETag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"/widgets/{file}", encoding, plain.Headers.ETag)).StatusCode);
    }

    [Fact]
    public async Task Brotli_IsSmallerThanGzip_ForEveryWidget()
    {
        using var client = app.CreateClient();
        foreach (var file in new[] { "consent.js", "form.js" })
        {
            var br = await (await GetAsync(client, $"/widgets/{file}", "br")).Content.ReadAsByteArrayAsync();
            var gzip = await (await GetAsync(client, $"/widgets/{file}", "gzip")).Content.ReadAsByteArrayAsync();
            Assert.True(br.Length < gzip.Length, $"{file}: br {br.Length} bytes, gzip {gzip.Length}");
        }
    }

    [Fact]
    public async Task BannerBundle_CarriesTheScriptAndTheSitesConfiguration_AndRevalidatesByVersion_R26()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var client = app.CreateClient();
        var path = $"/public/sites/{scenario.Site}/consent.js?locale=fr";

        var first = await GetAsync(client, path, "br");
        var script = Encoding.UTF8.GetString(Decompress(await first.Content.ReadAsByteArrayAsync(), "br"));
        var unchanged = await GetAsync(client, path, "br", first.Headers.ETag);
        await scenario.PublishWithAnotherVendorAsync();
        var afterPublication = await GetAsync(client, path, "br", first.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType!.MediaType);
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.Contains("Tout accepter", script, StringComparison.Ordinal);
        Assert.Contains($"\"siteId\":\"{scenario.Site}\"", script, StringComparison.Ordinal);
        Assert.Contains("\"locales\":[", script, StringComparison.Ordinal);
        Assert.Contains("MarketingConsent", script, StringComparison.Ordinal);
        Assert.DoesNotContain("/*CONFIG*/null", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterPublication.StatusCode);
        Assert.Contains("VideoCo", Encoding.UTF8.GetString(Decompress(await afterPublication.Content.ReadAsByteArrayAsync(), "br")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BannerBundle_WithoutALocale_FollowsTheBrowsersLanguage_AndVariesOnIt()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/public/sites/{scenario.Site}/consent.js");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");

        var response = await client.SendAsync(request);

        Assert.Contains("Tout accepter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task OldEmbeds_KeepWorking_TheScriptAndTheConfigurationApart()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var client = app.CreateClient();

        var script = await client.GetAsync("/widgets/consent.js");
        var config = await client.GetAsync($"{scenario.ConfigPath}?locale=en");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/*CONFIG*/null", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Contains("Accept all", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BannerBundle_OfASiteWithoutABanner_Is404()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/public/sites/nobanner-{Guid.NewGuid():N}"[..30] + "/consent.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding, EntityTagHeaderValue? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }

        return await client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream unpack = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        unpack.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>What `brotli -q 11` and `gzip -9` make of the file (the tools' own levels, not the server's code).</summary>
    private static int BestLength(byte[] source, string encoding)
    {
        var tool = encoding == "br" ? ("/usr/bin/brotli", "-c -q 11") : ("/usr/bin/gzip", "-c -9 -n");
        if (!File.Exists(tool.Item1))
        {
            return encoding == "br" ? BrotliAt(source, 11) : GzipSmallest(source);
        }

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool.Item1, tool.Item2)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        process.StandardInput.BaseStream.Write(source);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return (int)output.Length;
    }

    private static int BrotliAt(byte[] source, int quality)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(source.Length)];
        BrotliEncoder.TryCompress(source, buffer, out var written, quality, 22);
        return written;
    }

    private static int GzipSmallest(byte[] source)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(source);
        }

        return (int)output.Length;
    }
}

public sealed class WidgetDeliveryFacts_OnSqlite(SqliteApp app) : WidgetDeliveryFacts<SqliteApp>(app);

public sealed class WidgetDeliveryFacts_OnPostgres(PostgresApp app) : WidgetDeliveryFacts<PostgresApp>(app);
