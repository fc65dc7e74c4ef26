using System.IO.Compression;
using System.Net;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>What a customer's page downloads from the engine on every view travels compressed.</summary>
public sealed class CompressionFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Widget_IsServedCompressed_WhenTheBrowserAccepts(string encoding)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widgets/consent.js");
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.True(body.Length < new FileInfo(Path.Combine(Repository.Root, "widgets", "consent.js")).Length / 2, $"{body.Length} bytes");
    }

    [Fact]
    public async Task BannerConfig_IsServedGzipped_AndStillRevalidatesTo304()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{scenario.ConfigPath}?locale=fr");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await client.SendAsync(request);
        await using var unpacked = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(unpacked);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"{scenario.ConfigPath}?locale=fr");
        revalidate.Headers.AcceptEncoding.ParseAdd("gzip");
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Tout accepter", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
    }
}
