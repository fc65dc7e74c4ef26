using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;


/// <summary>People who consented to a purpose of their own, with one marketing message each queued on a channel.</summary>
public static class QueuedMessages
{
    public sealed record Queued(string Address, Guid RecordId);

    /// <summary>Records keyed <c>{tag}:{i}</c>; the addresses are emails or, for SMS, French mobile numbers.</summary>
    public static async Task<List<Queued>> SeedAsync(MarketingApp app, string channel, string tag, int count, DateTimeOffset now)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var purpose = new Purpose
        {
            Id = Guid.NewGuid(), Key = $"queued_{tag}", Names = new() { ["en"] = "News", ["fr"] = "Nouvelles" }, Channels = [channel],
            Bases = new() { ["fr"] = new PurposeBasis(LawfulBases.Consent) }, RetentionDays = 30,
        };
        db.Purposes.Add(purpose);
        var queued = new List<Queued>();
        for (var i = 0; i < count; i++)
        {
            var person = new Person
            {
                Id = Guid.NewGuid(), Email = channel == ChannelKeys.Email ? $"{tag}.{i}@example.com" : null, Phone = channel == ChannelKeys.Sms ? TestPhones.FrenchMobile() : null,
                Regime = "fr", Locale = "fr", TimeZone = "Europe/Paris", Source = "test", CreatedAt = now, UpdatedAt = now,
            };
            db.People.Add(person);
            db.ConsentStates.Add(new ConsentState
            {
                PersonId = person.Id, PurposeId = purpose.Id, Channel = channel, Status = ConsentStatuses.Granted, LastEventId = Guid.NewGuid(), UpdatedAt = now,
            });
            var record = new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"{tag}:{i}", PersonId = person.Id, Channel = channel, MessageType = MessageTypes.Marketing,
                PurposeKey = purpose.Key, TemplateKey = channel == ChannelKeys.Email ? "welcome" : "sms-offer", Status = SendStatuses.Queued, CreatedAt = now, DueAt = now,
            };
            db.SendRecords.Add(record);
            queued.Add(new Queued(person.Email ?? person.Phone!, record.Id));
        }

        await db.SaveChangesAsync();
        return queued;
    }
}
