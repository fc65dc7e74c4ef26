using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Hosting;

public sealed class ErrorFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task UnhandledException_Returns500Problem_WithNoStackTraceOrSql()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(TestEndpoints.Throw);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/no/such/route");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task UnknownRoute_Returns404Problem_ForEveryMethod(string method)
    {
        using var client = app.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/no/such/route"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MalformedJson_Returns400Problem()
    {
        using var admin = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Admin);

        var response = await admin.PostAsync("/api/admin/keys", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
