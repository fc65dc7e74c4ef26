using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Marketing.Data;

namespace Marketing.Suppression;

public sealed record ImapEndpoint(string Host, int Port, SecureSocketOptions Security, string Username, string Password, string Folder);

/// <summary>
/// The mailbox bounces and abuse reports arrive in (the Return-Path or feedback-loop address): each unread
/// message is read as a DSN or an ARF report, applied like the webhook's, and marked read, so it is handled once.
/// </summary>
public static class ReportMailbox
{
    public sealed record Outcome(int Messages, int Reports, int Suppressed);

    public static async Task<Outcome> ReadAsync(ImapEndpoint endpoint, MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock, CancellationToken ct)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
        await imap.AuthenticateAsync(endpoint.Username, endpoint.Password, ct);
        var folder = await imap.GetFolderAsync(endpoint.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        int messages = 0, reports = 0, suppressed = 0;
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotSeen, ct))
        {
            var message = await folder.GetMessageAsync(uid, ct);
            var events = DeliveryReports.Parse(message);
            if (events.Count > 0)
            {
                suppressed += (await DeliveryReports.ApplyAsync(db, hasher, hygiene, clock, events, "report_mailbox", ct)).Suppressed;
                reports++;
            }

            // Marked read only once applied: a failure above leaves the message for the next pass.
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, ct);
            messages++;
        }

        await imap.DisconnectAsync(true, ct);
        return new Outcome(messages, reports, suppressed);
    }
}
