using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Segments;

/// <summary>Segments through the admin API on both providers: the database counts, and who may never be in one is never counted.</summary>
public abstract class SegmentFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Count_LeavesOutRestrictedSuppressedAndErasedPeople_AndEveryoneAConditionRefuses()
    {
        var world = await SeedAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var put = await marketer.PutAsJsonAsync($"/api/admin/segments/lyon-{world.Tag}", new { name = "Lyon readers", definition = world.Typical });
        var saved = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/segments/lyon-{world.Tag}/count");
        var live = await marketer.PostAsJsonAsync("/api/admin/segments/preview-count", world.Typical);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        // Only Ana: Bea is restricted, Chloé suppressed, Dina erased, Eve submitted 200 days ago, Fay withdrew, Gus lives in Paris.
        Assert.Equal(1, saved.GetProperty("count").GetInt64());
        Assert.Equal(1, (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task PreviewCount_OfAttributeContains_CountsTheReachableLyonnais()
    {
        var world = await SeedAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var live = await marketer.PostAsJsonAsync("/api/admin/segments/preview-count", new
        {
            channel = "email",
            conditions = new object[]
            {
                new { type = "attribute", key = "campaign", @operator = "equals", value = world.Tag },
                new { type = "attribute", key = "city", @operator = "contains", value = "yo" },
                new { type = "regime", value = "fr" },
                new { type = "source", value = "form:" },
            },
        });

        // Ana, Eve and Fay; Bea, Chloé and Dina live in Lyon too but may not be reached.
        Assert.Equal(3, (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task BadDefinition_Is400NamingEachField_AndStoresNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var bad = new
        {
            channel = "fax",
            conditions = new object[]
            {
                new { type = "activity", activity = "submitted", withinDays = 0 },
                new { type = "consent", purpose = "no_such_purpose", channel = "email", status = "granted" },
                new { type = "colour" },
            },
        };

        var put = await marketer.PutAsJsonAsync($"/api/admin/segments/bad-{tag}", new { name = "", definition = bad });
        var unknown = await marketer.PostAsJsonAsync("/api/admin/segments/preview-count", new
        {
            channel = "email",
            conditions = new object[] { new { type = "consent", purpose = "no_such_purpose", channel = "email", status = "granted" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            new[] { "definition.channel", "definition.conditions[0].withinDays", "definition.conditions[2].type", "name" },
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("names no purpose",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("conditions[0].purpose")[0].GetString());
        Assert.False(await app.InScopeAsync(db => db.Segments.AnyAsync(s => s.Key == $"bad-{tag}")));
    }

    [Fact]
    public async Task Crud_SavesUpdatesListsAndDeletes_ByKey()
    {
        var world = await SeedAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var key = $"crud-{world.Tag}";

        var created = await marketer.PutAsJsonAsync($"/api/admin/segments/{key}", new { name = "First", definition = world.Typical });
        var updated = await marketer.PutAsJsonAsync($"/api/admin/segments/{key}", new { name = "Second", definition = world.Typical });
        var list = await marketer.GetFromJsonAsync<JsonElement>("/api/admin/segments");
        var deleted = await marketer.DeleteAsync($"/api/admin/segments/{key}");
        var gone = await marketer.GetAsync($"/api/admin/segments/{key}/count");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var listed = list.EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
        Assert.Equal("Second", listed.GetProperty("name").GetString());
        Assert.Equal(3, listed.GetProperty("definition").GetProperty("conditions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task EnrolSegment_EnrolsOnlyTheReachable_AndASecondRunDuplicatesNobody()
    {
        var world = await SeedAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var segment = $"enrol-{world.Tag}";
        (await marketer.PutAsJsonAsync($"/api/admin/segments/{segment}", new
        {
            name = "Campaign",
            definition = new { channel = "email", conditions = new object[] { new { type = "attribute", key = "campaign", @operator = "equals", value = world.Tag } } },
        })).EnsureSuccessStatusCode();
        var sequence = $"seg-{world.Tag}";
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{sequence}", new
        {
            trigger = new { type = "api" },
            steps = new object[] { new { id = "pause", type = "wait", duration = "1d", next = "done" }, new { id = "done", type = "exit" } },
        })).EnsureSuccessStatusCode();

        var draft = await marketer.PostAsJsonAsync($"/api/admin/segments/{segment}/enrolments", new { sequence });
        (await marketer.PostAsync($"/api/admin/sequences/{sequence}/publish", null)).EnsureSuccessStatusCode();
        var first = await marketer.PostAsJsonAsync($"/api/admin/segments/{segment}/enrolments", new { sequence });
        var second = await marketer.PostAsJsonAsync($"/api/admin/segments/{segment}/enrolments", new { sequence });
        var missing = await marketer.PostAsJsonAsync($"/api/admin/segments/{segment}/enrolments", new { sequence = "no-such-sequence" });

        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // Ana, Eve, Fay and Gus; never Bea (restricted), Chloé (suppressed) nor Dina (erased).
        var once = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, once.GetProperty("enrolled").GetInt32());
        var twice = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, twice.GetProperty("enrolled").GetInt32());
        Assert.Equal(4, twice.GetProperty("alreadyEnrolled").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sequence", out _));
        var enrolled = await app.InScopeAsync(db => db.Enrolments.Where(e => db.Sequences.Any(q => q.Id == e.SequenceId && q.Key == sequence))
            .Join(db.People, e => e.PersonId, p => p.Id, (e, p) => p.Email!).ToListAsync());
        Assert.Equal(new[] { $"ana.{world.Tag}@example.com", $"eve.{world.Tag}@example.com", $"fay.{world.Tag}@example.com", $"gus.{world.Tag}@example.com" },
            enrolled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FillAddressHashes_BringsAPersonStoredWithoutHashesIntoTheSegment_AndASecondRunFillsNothing()
    {
        var world = await SeedAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        // As stored before the Segments migration: no hashes (SaveChanges computes them, so they are cleared behind its back).
        await app.InScopeAsync(db => db.People.Where(p => p.Email == $"ana.{world.Tag}@example.com" || p.Email == $"chloe.{world.Tag}@example.com")
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EmailHash, (string?)null).SetProperty(p => p.PhoneHash, (string?)null)));
        var before = await marketer.PostAsJsonAsync("/api/admin/segments/preview-count", world.Typical);

        var filled = await app.InScopeAsync(db => FillAddressHashes.HandleAsync(db, app.Services.GetRequiredService<AddressHasher>(), CancellationToken.None));
        var again = await app.InScopeAsync(db => FillAddressHashes.HandleAsync(db, app.Services.GetRequiredService<AddressHasher>(), CancellationToken.None));
        var after = await marketer.PostAsJsonAsync("/api/admin/segments/preview-count", world.Typical);

        Assert.Equal(0, (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64());
        Assert.Equal(2, filled.Filled);
        Assert.Equal(0, again.Filled);
        // Ana is back; Chloé, hashed again, is still suppressed and still out.
        Assert.Equal(1, (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64());
        Assert.Equal(app.Services.GetRequiredService<AddressHasher>().HashNormalized($"chloe.{world.Tag}@example.com"),
            await app.InScopeAsync(db => db.People.Where(p => p.Email == $"chloe.{world.Tag}@example.com").Select(p => p.EmailHash).SingleAsync()));
    }

    private sealed record World(string Tag, object Typical);

    /// <summary>Seven people of one campaign in Lyon (or Paris), each kept out of the typical segment by one thing only.</summary>
    private async Task<World> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var purpose = $"seg_{tag}";
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        Assert.True((await admin.PutAsJsonAsync($"/api/admin/purposes/{purpose}", new
        {
            names = new { en = "Segment news" }, channels = new[] { "email" }, bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).IsSuccessStatusCode);
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await app.InScopeAsync(async db =>
        {
            var purposeId = await db.Purposes.Where(p => p.Key == purpose).Select(p => p.Id).SingleAsync();
            void Add(string name, string city, int submittedDaysAgo, string status, Action<Person>? change = null)
            {
                var person = new Person
                {
                    Id = Guid.CreateVersion7(), Email = $"{name}.{tag}@example.com", Regime = "fr", Source = "form:news@1",
                    Attributes = new() { ["campaign"] = tag, ["city"] = city }, CreatedAt = now, UpdatedAt = now,
                };
                change?.Invoke(person);
                db.People.Add(person);
                db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purposeId, Channel = "email", Status = status, LastEventId = Guid.CreateVersion7(), UpdatedAt = now });
                db.Submissions.Add(new Submission
                {
                    Id = Guid.CreateVersion7(), FormId = "news", ClientSubmissionId = $"{name}-{tag}", FormVersion = 1, PersonId = person.Id,
                    ReceivedAt = now.AddDays(-submittedDaysAgo), ResultJson = "{}",
                });
            }

            Add("ana", "Lyon", 10, "granted");
            Add("bea", "Lyon", 10, "granted", p => p.RestrictedAt = now);
            Add("chloe", "Lyon", 10, "granted");
            Add("dina", "Lyon", 10, "granted", p => p.ErasedAt = now);
            Add("eve", "Lyon", 200, "granted");
            Add("fay", "Lyon", 10, "withdrawn");
            Add("gus", "Paris", 10, "granted");
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = hasher.HashNormalized($"chloe.{tag}@example.com"), Channel = "*", Scope = "*",
                Reason = SuppressionReasons.Unsubscribe, Source = "test", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        var typical = new
        {
            channel = "email",
            conditions = new object[]
            {
                new { type = "consent", purpose, channel = "email", status = "granted" },
                new { type = "activity", activity = "submitted", withinDays = 90 },
                new { type = "attribute", key = "city", @operator = "equals", value = "Lyon" },
            },
        };
        // The purpose is this seed's own, so the typical segment counts no other test's people.
        return new World(tag, typical);
    }
}

public sealed class SegmentFacts_OnSqlite(SqliteApp app) : SegmentFacts<SqliteApp>(app);

public sealed class SegmentFacts_OnPostgres(PostgresApp app) : SegmentFacts<PostgresApp>(app);
