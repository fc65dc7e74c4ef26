using Marketing.Consent;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Channels.Sms;
using Marketing.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>People the people pages find, each with a name, a source and identifiers no other test uses.</summary>
public static class PeopleData
{
    public sealed record Seeded(Guid Id, string Email, string Phone, string Token, string PurposeKey);

    public const string Wording = "Yes, send me the monthly newsletter. I can unsubscribe at any time.";

    /// <summary>
    /// A person with their whole timeline: a confirmed consent on a published wording, a send the gate allowed and that
    /// was clicked, one it blocked, an SMS reply, a suppression of their email address and an order.
    /// </summary>
    public static async Task<Seeded> PersonWithHistoryAsync(MarketingApp app)
    {
        var token = Token();
        var person = Person(token, $"ana.{token}@example.com", PhoneFor(), "fr", new() { ["first_name"] = "Élodie", ["last_name"] = $"Zébu{token}" });
        var purpose = new Purpose { Id = Guid.CreateVersion7(), Key = $"news{token}", Names = new() { ["en"] = "Newsletter", ["fr"] = "Lettre" }, Channels = ["email"] };
        var notice = new Notice { Id = Guid.CreateVersion7(), Key = $"news{token}", Kind = NoticeKinds.Consent, CreatedAt = At(0) };
        var version = new NoticeVersion { Id = Guid.CreateVersion7(), NoticeId = notice.Id, Locale = "en", Version = 2, Text = Wording, Sha256 = NoticeVersion.HashText(Wording), PublishedAt = At(0) };
        var (consent, state, _) = ConsentLedger.Append(person, Event(person, purpose, ConsentStatuses.Confirmed, At(1), version), null);
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        await app.InScopeAsync(async db =>
        {
            db.People.Add(person);
            db.Purposes.Add(purpose);
            db.Notices.Add(notice);
            db.NoticeVersions.Add(version);
            db.ConsentEvents.Add(consent);
            db.ConsentStates.Add(state);
            db.SendRecords.Add(Send(person.Id, "welcome", SendStatuses.Sent, GateDecision.AllowedDecision, $"consent confirmed (ledger event {consent.Id})", At(2), clicked: At(3)));
            db.SendRecords.Add(Send(person.Id, "offer", SendStatuses.Blocked, GateDecision.BlockedDecision, "quiet hours in the person's time zone", At(4)));
            db.SmsReplies.Add(new SmsReply { Id = Guid.CreateVersion7(), PersonId = person.Id, Keyword = "YES", ReceivedAt = At(5), MessageSid = $"SM{token}" });
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = hasher.HashNormalized(person.Email!), Channel = "email", Scope = SuppressionEntry.AnyPurpose,
                Reason = SuppressionReasons.HardBounce, Source = "bounce_webhook", CreatedAt = At(6),
            });
            db.Purchases.Add(new Purchase
            {
                Id = Guid.CreateVersion7(), PersonId = person.Id, Reference = $"order-{token}", Category = "running-shoes", OrderedAt = At(7),
                OptOutOffered = true, RecordedAt = At(7), Source = "key:shop",
            });
            await db.SaveChangesAsync();
        });
        return new(person.Id, person.Email!, person.Phone!, token, purpose.Key);
    }

    /// <summary><paramref name="count"/> people of one source (<c>form:t{token}@1</c>), created a minute apart, the first the oldest.</summary>
    public static async Task<(string Source, IReadOnlyList<Person> People)> SameSourceAsync(MarketingApp app, int count, string? regime = null)
    {
        var token = Token();
        var people = Enumerable.Range(0, count)
            .Select(i => Person(token, $"p{i}.{token}@example.com", null, regime ?? "fr", new() { ["first_name"] = $"P{i}" }, createdAt: At(i)))
            .ToList();
        await app.InScopeAsync(async db =>
        {
            db.People.AddRange(people);
            await db.SaveChangesAsync();
        });
        return ($"form:t{token}", people);
    }

    public static async Task GiveConsentAsync(MarketingApp app, Person person, string purposeKey, string status)
    {
        await app.InScopeAsync(async db =>
        {
            var purpose = db.Purposes.Single(p => p.Key == purposeKey);
            var stored = db.People.Single(p => p.Id == person.Id);
            var appended = ConsentLedger.Append(stored, Event(stored, purpose, status, At(1), null), null);
            db.ConsentEvents.Add(appended.Event);
            db.ConsentStates.Add(appended.State);
            await db.SaveChangesAsync();
        });
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A French mobile number from a range libphonenumber knows, as a form would have stored it.</summary>
    private static string PhoneFor() => TestPhones.FrenchMobile();

    private static DateTimeOffset At(int minutes) => new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    private static Person Person(string token, string email, string? phone, string regime, Dictionary<string, string> attributes, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.CreateVersion7(), Email = email, Phone = phone, Regime = regime, Source = $"form:t{token}@1", Locale = "fr", TimeZone = "Europe/Paris",
        Country = "FR", Attributes = attributes, CreatedAt = createdAt ?? At(0), UpdatedAt = createdAt ?? At(0),
    };

    /// <summary>A draft the ledger's one append chains (<see cref="ConsentLedger.Append"/>).</summary>
    private static ConsentEvent Event(Person person, Purpose purpose, string status, DateTimeOffset at, NoticeVersion? wording) => new()
    {
        Id = Guid.CreateVersion7(), PersonId = person.Id, Identifier = person.Email!, IdentifierType = "email", PurposeId = purpose.Id,
        PurposeKey = purpose.Key, Channel = "email", Regime = person.Regime, Status = status, Method = ConsentMethods.DoubleOptIn, OccurredAt = at,
        NoticeVersionId = wording?.Id, NoticeVersion = wording?.Version, NoticeSha256 = wording?.Sha256, Locale = "en",
    };

    private static SendRecord Send(Guid personId, string template, string status, string decision, string reason, DateTimeOffset at, DateTimeOffset? clicked = null) => new()
    {
        Id = Guid.CreateVersion7(), Key = $"people:{Guid.NewGuid():N}", PersonId = personId, Channel = "email", MessageType = MessageTypes.Marketing,
        TemplateKey = template, Status = status, CreatedAt = at, DueAt = at, DecidedAt = at, Decision = decision, DecisionReason = reason, ClickedAt = clicked,
    };
}
