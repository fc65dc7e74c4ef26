using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// Email to a user of the app about their account, through the gate's transactional path like any message (ADR 9):
/// a send record addressed to the user (<see cref="SendRecipients.User"/>) with the reference <c>account:…</c>. The
/// dispatcher reads the user where it would read a person, and writes the link's token into the email.
/// </summary>
public static class AccountMail
{
    public const string LinkKey = "account_link";

    /// <summary>Queues the email carrying <paramref name="link"/>; the caller saves.</summary>
    public static SendRecord Queue(MarketingDbContext db, User user, AccountLink link, DateTimeOffset now)
    {
        var record = new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"account:{link.Id:N}",
            PersonId = user.Id,
            Recipient = SendRecipients.User,
            Channel = ChannelKeys.Email,
            MessageType = MessageTypes.Transactional,
            TemplateKey = AccountLinkPurposes.Template(link.Purpose),
            Reference = AccountLinkPurposes.Reference(link.Purpose),
            Data = new Dictionary<string, string> { [LinkKey] = link.Id.ToString("N"), ["locale"] = user.Locale },
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        };
        db.SendRecords.Add(record);
        return record;
    }

    /// <summary>The users a batch writes to, as the gate and the templates see a recipient; a disabled user gets nothing.</summary>
    internal static async Task<IEnumerable<Person>> RecipientsAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records, CancellationToken ct)
    {
        var ids = records.Where(r => r.Recipient == SendRecipients.User).Select(r => r.PersonId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledAt == null).ToListAsync(ct);
        return users.Select(u => new Person
        {
            Id = u.Id,
            Email = u.Email,
            Locale = u.Locale,
            Attributes = u.DisplayName is { } name ? new Dictionary<string, string> { ["first_name"] = name } : [],
            // Not a lead: no regime applies, and the gate lets a user receive account mail only.
            Regime = "staff",
            Source = "user",
        });
    }

    internal static async Task<Dictionary<string, AccountLink>> OpenLinksAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.Data.GetValueOrDefault(LinkKey)).OfType<string>()
            .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return ids.Count == 0 ? [] : await db.AccountLinks.Where(l => ids.Contains(l.Id) && l.UsedAt == null).ToDictionaryAsync(l => l.Id.ToString("N"), ct);
    }
}
