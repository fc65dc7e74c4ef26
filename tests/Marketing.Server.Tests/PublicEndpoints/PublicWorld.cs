using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>
/// Everything a public endpoint or webhook can be called about, set up once per engine: a site with a published form
/// and banner, a subscriber whose email links (unsubscribe, preferences) and double-opt-in token are known, and an
/// SMS send whose Twilio id is known.
/// </summary>
public sealed class PublicWorld
{
    private static readonly ConcurrentDictionary<HostileApp, Lazy<Task<PublicWorld>>> Worlds = new();

    public required HostileApp App { get; init; }
    public required CaptureScenario Capture { get; init; }
    public required HttpClient Admin { get; init; }
    public required string AdminKey { get; init; }
    public required string Email { get; init; }
    public required string Phone { get; init; }
    public required string LinkToken { get; init; }
    public required string DoiToken { get; init; }
    public required string SmsMessageSid { get; init; }
    public required int BannerVersion { get; init; }
    public required string BannerSha256 { get; init; }
    public required string FormToken { get; init; }

    public string Site => Capture.Site;

    public static Task<PublicWorld> OfAsync(HostileApp app) =>
        Worlds.GetOrAdd(app, a => new Lazy<Task<PublicWorld>>(() => CreateAsync(a))).Value;

    private static async Task<PublicWorld> CreateAsync(HostileApp app)
    {
        var key = await app.CreateKeyAsync(ApiKeyRole.Admin);
        var admin = app.Client();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var capture = await CaptureScenario.CreateAsync(admin);
        (await admin.PutAsJsonAsync($"/api/admin/sites/{capture.Site}/banner", new { definition = BannerScenario.Definition() })).EnsureSuccessStatusCode();
        var published = await (await admin.PostAsync($"/api/admin/sites/{capture.Site}/banner/publish", null)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        // A subscriber who signed up for both purposes: a confirmation email and an SMS verification are queued.
        var email = $"world.{Guid.NewGuid():N}@example.com";
        using var browser = app.Client();
        await capture.SubmitAsync(browser, email, [capture.Newsletter, capture.Sms]);
        var doiToken = ConfirmDoubleOptIn.NewToken();
        var smsSid = $"SM{Guid.NewGuid():N}";
        var (record, phone) = await app.InScopeAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Email == email);
            var hasher = app.Services.GetRequiredService<AddressHasher>();
            // As the dispatcher leaves them once sent: the email's address hash, the SMS's Twilio id, the link's token hash.
            var mail = await db.SendRecords.SingleAsync(s => s.PersonId == person.Id && s.Channel == "email");
            mail.AddressHash = hasher.HashNormalized(email);
            var sms = await db.SendRecords.SingleAsync(s => s.PersonId == person.Id && s.Channel == "sms");
            sms.MessageId = smsSid;
            var request = await db.DoubleOptInRequests.SingleAsync(r => r.PersonId == person.Id);
            request.TokenHash = ConfirmDoubleOptIn.HashToken(doiToken);
            request.ExpiresAt = DateTimeOffset.UtcNow.AddDays(30);
            await db.SaveChangesAsync();
            return (mail.Id, person.Phone!);
        });

        return new PublicWorld
        {
            App = app, Capture = capture, Admin = admin, AdminKey = key, Email = email, Phone = phone,
            LinkToken = app.Services.GetRequiredService<EmailLinks>().Token(record), DoiToken = doiToken, SmsMessageSid = smsSid,
            BannerVersion = published.GetProperty("version").GetInt32(),
            BannerSha256 = published.GetProperty("sha256").GetString()!,
            FormToken = (await capture.RenderAsync(browser)).GetProperty("token").GetString()!,
        };
    }

    /// <summary>A fresh subscriber with an unsubscribe link of their own, for tests that use it up.</summary>
    public async Task<(string Email, Guid PersonId, string Token)> NewSubscriberAsync()
    {
        var email = $"sub.{Guid.NewGuid():N}@example.com";
        using var browser = App.Client();
        await Capture.SubmitAsync(browser, email, [Capture.Newsletter]);
        var (id, personId) = await App.InScopeAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Email == email);
            var mail = await db.SendRecords.SingleAsync(s => s.PersonId == person.Id && s.Channel == "email");
            mail.AddressHash = App.Services.GetRequiredService<AddressHasher>().HashNormalized(email);
            await db.SaveChangesAsync();
            return (mail.Id, person.Id);
        });
        return (email, personId, App.Services.GetRequiredService<EmailLinks>().Token(id));
    }
}
