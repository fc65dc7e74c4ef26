using System.Xml.Linq;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>What the link and key facts start from: a message that was sent, and data protection over the database's rows alone.</summary>
public static class KeyRingRows
{
    /// <summary>A sent marketing message, for links to name.</summary>
    public static async Task<Guid> SentRecordAsync(Func<MarketingDbContext> open)
    {
        var id = Guid.CreateVersion7();
        await using var db = open();
        db.SendRecords.Add(new SendRecord
        {
            Id = id, Key = $"test:{id:N}", PersonId = Guid.NewGuid(), Channel = "email", MessageType = MessageTypes.Marketing,
            PurposeKey = "newsletter", TemplateKey = "welcome", Status = SendStatuses.Sent, CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>
    /// Data protection as ASP.NET Core sets it up by default, over the key rows of the database and nothing else: a
    /// thief's copy (read only, no new key), or, writable, a version of the engine that stored its keys in clear.
    /// </summary>
    public static ServiceProvider Provider(Func<MarketingDbContext> open, bool writable)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("marketing-engine");
        if (!writable)
        {
            builder.DisableAutomaticKeyGeneration();
        }

        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new Rows(open, writable));
        return services.BuildServiceProvider();
    }

    private sealed class Rows(Func<MarketingDbContext> open, bool writable) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = open();
            return [.. db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse)];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            if (!writable)
            {
                return;
            }

            using var db = open();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}
