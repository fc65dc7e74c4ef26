using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Leads;

/// <summary>An attribute set by a marketer follows the rule of a form's field: text only, named when refused.</summary>
public abstract class PersonAttributesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Theory]
    [InlineData("Ada\u0000Lovelace")]
    [InlineData("Ada\u001B[31m")]
    [InlineData("Ada\r\nBcc: x")]
    [InlineData("Ada\u202Eecalevol")]
    public async Task Patch_WithAControlCharacterInAnAttribute_Is400NamingIt_AndChangesNothing(string value)
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"attr.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, []);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);

        var response = await marketer.PatchAsJsonAsync($"/api/admin/people/{personId}",
            new { attributes = new Dictionary<string, string?> { ["nickname"] = value } });
        var person = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attributes.nickname", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(person.GetProperty("attributes").TryGetProperty("nickname", out _));
    }
}

public sealed class PersonAttributesFacts_OnSqlite(SqliteApp app) : PersonAttributesFacts<SqliteApp>(app);

public sealed class PersonAttributesFacts_OnPostgres(PostgresApp app) : PersonAttributesFacts<PostgresApp>(app);
