using Hangfire;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Suppression;

namespace Marketing.Server.Channels.Email;

/// <summary>The bounce and complaint mailbox, when one is configured (Marketing:Email:Imap).</summary>
public sealed record ReportMailboxSettings(ImapEndpoint? Endpoint);

/// <summary>Reads bounces and abuse reports from the mailbox (R69), when one is configured.</summary>
public sealed class ReadReportMailboxJob(MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock, ReportMailboxSettings settings)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<ReportMailbox.Outcome?> RunAsync(CancellationToken ct) =>
        settings.Endpoint is { } endpoint ? await ReportMailbox.ReadAsync(endpoint, db, hasher, hygiene, clock, ct) : null;
}
