using System.Xml.Linq;
using Marketing.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketing.Server.Hosting;

/// <summary>
/// Keeps the data protection key ring in the engine's database, shared by every node, each key wrapped with the
/// key-encryption key that the database never holds (docs/adr/0008).
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes, ILogger<DatabaseXmlRepository> logger) : IXmlRepository
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var elements = db.DataProtectionKeys.AsNoTracking().Select(k => new { k.Id, k.Xml }).ToList();
        var accepted = new List<XElement>(elements.Count);
        foreach (var row in elements)
        {
            var element = XElement.Parse(row.Xml);
            if (IsWrappedByUs(element))
            {
                accepted.Add(element);
            }
            else
            {
                // A key in clear (or under another decryptor) can only have been written by someone without the KEK.
                logger.LogWarning("Data-protection key row {Row} is not wrapped with the key-encryption key and is ignored", row.Id);
            }
        }

        return accepted;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    public static IServiceCollection AddSharedDataProtection(IServiceCollection services, KeyEncryptionKeys keys)
    {
        services.AddSingleton(keys);
        services.AddDataProtection().SetApplicationName("marketing-engine");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<ILogger<DatabaseXmlRepository>>());
            options.XmlEncryptor = new KeyEncryptionXmlEncryptor(keys);
        }));
        return services;
    }

    /// <summary>
    /// Run at start, before any key is read: wraps keys stored in clear by earlier versions, and keys wrapped with a
    /// previous KEK, with the current one. Each row is rewritten alone; a node that starts at the same moment writes
    /// the same keys wrapped again, which reads the same.
    /// </summary>
    public static async Task<int> WrapStoredKeysAsync(MarketingDbContext db, KeyEncryptionKeys keys, CancellationToken ct)
    {
        var rewritten = 0;
        foreach (var row in await db.DataProtectionKeys.AsNoTracking().ToListAsync(ct))
        {
            var element = XElement.Parse(row.Xml);
            if (Rewrapped(element, keys) is not { } wrapped)
            {
                continue;
            }

            var xml = wrapped.ToString(SaveOptions.DisableFormatting);
            await db.DataProtectionKeys.Where(k => k.Id == row.Id && k.Xml == row.Xml).ExecuteUpdateAsync(u => u.SetProperty(k => k.Xml, xml), ct);
            rewritten++;
        }

        return rewritten;
    }

    /// <summary>The key element with every secret under the current KEK; null when it already is.</summary>
    private static XElement? Rewrapped(XElement element, KeyEncryptionKeys keys)
    {
        var copy = new XElement(element);
        var changed = false;
        foreach (var clear in copy.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
        {
            clear.ReplaceWith(Secret(keys.Wrap(new XElement(clear))));
            changed = true;
        }

        foreach (var secret in copy.Descendants(EncryptedSecret).Where(IsOurs).ToList())
        {
            if (secret.Elements(KeyEncryptionKeys.WrappedName).SingleOrDefault() is { } wrapped && !keys.IsCurrent(wrapped))
            {
                secret.ReplaceWith(Secret(keys.Wrap(keys.Unwrap(wrapped))));
                changed = true;
            }
        }

        return changed ? copy : null;
    }

    private static XElement Secret(XElement wrapped) =>
        new(EncryptedSecret, new XAttribute("decryptorType", typeof(KeyEncryptionXmlDecryptor).AssemblyQualifiedName!), wrapped);

    /// <summary>No secret in clear, and every secret under this engine's KEK decryptor (never a null or foreign one).</summary>
    private static bool IsWrappedByUs(XElement element) =>
        !element.DescendantsAndSelf().Any(e => (bool?)e.Attribute(RequiresEncryption) == true)
        && element.Descendants(EncryptedSecret).All(IsOurs)
        && (element.Name.LocalName != "key" || element.Descendants(EncryptedSecret).Any());

    private static bool IsOurs(XElement secret) =>
        ((string?)secret.Attribute("decryptorType"))?.Split(',').Select(p => p.Trim()).Take(2).SequenceEqual(
            [typeof(KeyEncryptionXmlDecryptor).FullName!, typeof(KeyEncryptionXmlDecryptor).Assembly.GetName().Name!]) == true;
}
