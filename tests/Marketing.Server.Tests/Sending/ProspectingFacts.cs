using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Sending;

/// <summary>
/// Marketing without consent, as the law allows it and no further: a customer's order in the category the campaign
/// is analogous to (R3), and the person's details a marketer keeps (R4's role), through the admin API to the SMTP server.
/// </summary>
public abstract class ProspectingFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    [Fact]
    public async Task CustomerWithAnOrder_GetsAnOfferForAnalogousProducts_WithoutConsent_AndOnlyThen()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("customer");
        await journey.Scenario.SubmitAsync(journey.Browser, email, []);
        var personId = journey.PersonId(email);

        var beforeOrder = await journey.SettledAsync(await QueueAsync(journey, personId, "shoes"));
        var order = new { reference = "ORD-2026-0042", category = "shoes", orderedAt = DateTimeOffset.UtcNow.AddDays(-2), optOutOffered = true };
        var recorded = await journey.Marketer.PostAsJsonAsync($"/api/admin/people/{personId}/purchases", order);
        var again = await journey.Marketer.PostAsJsonAsync($"/api/admin/people/{personId}/purchases", order);
        var bad = await journey.Marketer.PostAsJsonAsync($"/api/admin/people/{personId}/purchases", new { category = "Shoes & Socks", orderedAt = DateTimeOffset.UtcNow.AddDays(3) });
        var otherCategory = await journey.SettledAsync(await QueueAsync(journey, personId, "kitchen"));
        var noClaim = await journey.SettledAsync(await QueueAsync(journey, personId, null));
        var analogous = await journey.SettledAsync(await QueueAsync(journey, personId, "shoes"));
        var badCategory = await journey.Marketer.PostAsJsonAsync("/api/admin/sends",
            new { personId, purpose = journey.Scenario.Newsletter, template = "welcome", analogousTo = "Shoes!" });
        var person = await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}");

        Assert.Equal("blocked", beforeOrder.GetProperty("status").GetString());
        Assert.Contains("no order in category 'shoes'", beforeOrder.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(new[] { "reference", "category", "orderedAt", "optOutOffered" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
        Assert.Equal("blocked", otherCategory.GetProperty("status").GetString());
        Assert.Equal("blocked", noClaim.GetProperty("status").GetString());
        Assert.Contains("no consent recorded", noClaim.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("sent", analogous.GetProperty("status").GetString());
        Assert.Equal("customer_exception", analogous.GetProperty("evidenceKind").GetString());
        var received = Assert.Single(app.Smtp.To(email));
        Assert.NotNull(received.Message.Headers["List-Unsubscribe"]);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("analogousTo", await badCategory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ORD-2026-0042", person.GetProperty("purchases").EnumerateArray().Single().GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Marketer_SetsTheRoleAndAudience_AndCompanyMailboxesAreLabelled()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = $"contact@{Guid.NewGuid():N}.example.com";
        await journey.Scenario.SubmitAsync(journey.Browser, email, []);
        var personId = journey.PersonId(email);

        var patched = await journey.Marketer.PatchAsJsonAsync($"/api/admin/people/{personId}",
            new { business = true, attributes = new Dictionary<string, string?> { ["role"] = "Head of purchasing", ["first_name"] = null } });
        var badName = await journey.Marketer.PatchAsJsonAsync($"/api/admin/people/{personId}",
            new { attributes = new Dictionary<string, string?> { ["Job Title"] = "x" } });
        var tooMany = await journey.Marketer.PatchAsJsonAsync($"/api/admin/people/{personId}",
            new { attributes = Enumerable.Range(0, 51).ToDictionary(i => $"a{i}", i => (string?)"x") });
        var view = await patched.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Head of purchasing", view.GetProperty("attributes").GetProperty("role").GetString());
        Assert.False(view.GetProperty("attributes").TryGetProperty("first_name", out _));
        Assert.Equal("fr-b2b", view.GetProperty("regime").GetString());
        Assert.True(view.GetProperty("legalPersonAddress").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("attributes.Job Title", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.False((await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}")).GetProperty("attributes").TryGetProperty("a0", out _));
    }

    private static async Task<JsonElement> QueueAsync(EmailJourney journey, Guid personId, string? analogousTo)
    {
        var response = await journey.Marketer.PostAsJsonAsync("/api/admin/sends",
            new { personId, purpose = journey.Scenario.Newsletter, template = "welcome", analogousTo });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class ProspectingFacts_OnSqlite(SqliteEmailApp app) : ProspectingFacts<SqliteEmailApp>(app);

public sealed class ProspectingFacts_OnPostgres(PostgresEmailApp app) : ProspectingFacts<PostgresEmailApp>(app);
