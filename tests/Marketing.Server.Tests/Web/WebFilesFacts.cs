using System.Net;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>The app's stylesheet and modules are plain static files, served to anyone, never sniffed.</summary>
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
}
