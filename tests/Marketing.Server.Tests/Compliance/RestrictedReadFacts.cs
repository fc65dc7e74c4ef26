using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// R39: a restricted person's data is read by the DPO alone; a marketer sees the person as restricted without it. An
/// erased person is not an empty row of the people list.
/// </summary>
public abstract class RestrictedReadFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    [Fact]
    public async Task RestrictedPerson_IsReadByTheDpoOnly_AndAnErasedOneLeavesThePeopleList()
    {
        var journey = await EmailJourney.StartAsync(app);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var email = EmailJourney.NewAddress("readrestricted");
        var restricted = await journey.SubscribedAsync(email);
        var erased = await journey.SubscribedAsync(EmailJourney.NewAddress("readerased"));
        (await dpo.PostAsJsonAsync($"/api/admin/people/{restricted}/restriction", new { reason = "accuracy contested" })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/admin/people/{erased}/erasure", new { ground = "objection" })).EnsureSuccessStatusCode();

        var byMarketer = await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{restricted}");
        var byCompliance = await compliance.GetFromJsonAsync<JsonElement>($"/api/admin/people/{restricted}");
        var byDpo = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/people/{restricted}");

        Assert.Equal(JsonValueKind.Null, byMarketer.GetProperty("email").ValueKind);
        Assert.Equal(0, byMarketer.GetProperty("consents").GetArrayLength());
        Assert.Equal("accuracy contested", byMarketer.GetProperty("restricted").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, byCompliance.GetProperty("email").ValueKind);
        Assert.Equal(email, byDpo.GetProperty("email").GetString());

        var asMarketer = await app.InScopeAsync(db => FindPeople.HandleAsync(db, new FindPeople.Request(null, null, null, null, null), CancellationToken.None));
        var asDpo = await app.InScopeAsync(db => FindPeople.HandleAsync(db, new FindPeople.Request(null, null, null, null, null, Dpo: true), CancellationToken.None));
        var hidden = Assert.Single(asMarketer.People, p => p.Id == restricted);
        Assert.Equal((null, null, null, true), (hidden.Email, hidden.Phone, hidden.Name, hidden.Restricted));
        Assert.Equal(email, Assert.Single(asDpo.People, p => p.Id == restricted).Email);
        Assert.DoesNotContain(asDpo.People, p => p.Id == erased);
    }
}

public sealed class RestrictedReadFacts_OnSqlite(SqliteEmailApp app) : RestrictedReadFacts<SqliteEmailApp>(app);

public sealed class RestrictedReadFacts_OnPostgres(PostgresEmailApp app) : RestrictedReadFacts<PostgresEmailApp>(app);
