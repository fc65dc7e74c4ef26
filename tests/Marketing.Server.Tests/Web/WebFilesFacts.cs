using System.Net;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>The app's stylesheet and modules are static files, served to anyone, never sniffed, compressed at the best level.</summary>
public sealed class WebFilesFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/web/app.css", "text/css")]
    [InlineData("/web/app.js", "text/javascript")]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    [InlineData("/Access/Pages/PasskeyFields.razor.js", "text/javascript")]
    [InlineData("/Templates/Pages/TemplateEditor.razor.js", "text/javascript")]
    public async Task AppFile_IsServedWithoutSignIn_NotSniffed_AndRevalidated(string path, string mediaType)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task BlazorScript_IsServedAtTheBestBrotliLevel_WithinThePagesScriptBudget_AndRevalidatesTo304()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/blazor.web.js");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/_framework/blazor.web.js");
        again.Headers.AcceptEncoding.ParseAdd("br, gzip");
        again.Headers.IfNoneMatch.ParseAdd(response.Headers.ETag!.ToString());
        var revalidated = await client.SendAsync(again);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        // 200,645 bytes as shipped; 56,012 at the quality a response compresses at; 47,578 at quality 11.
        Assert.InRange(body.Length, 40_000, 48_000);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }
}
