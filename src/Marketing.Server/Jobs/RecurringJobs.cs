using Hangfire;
using Marketing.Server.Access;
using Marketing.Server.Broadcasts;
using Marketing.Server.Compliance;
using Marketing.Server.Consent;
using Marketing.Server.Channels.Email;
using Marketing.Server.Hosting;
using Marketing.Server.Leads;
using Marketing.Server.Nurture;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Suppression;
using Marketing.Server.Webhooks;

namespace Marketing.Server.Jobs;

/// <summary>
/// Every recurring job and its schedule (UTC), in one list, declared once the host runs. Every node declares the same
/// ids, so there is one of each; a job whose feature is off on this installation is removed.
/// </summary>
internal sealed class RecurringJobs(IRecurringJobManager recurring, ResolvedSettings settings) : IHostedService
{
    public const string EmailDispatch = "email-dispatch";
    public const string SmsDispatch = "sms-dispatch";
    public const string NurturePass = "nurture-pass";
    public const string PurgeUnconfirmed = "doi-purge-unconfirmed";
    public const string PurgeFeedback = "email-feedback-purge";
    public const string CheckSendingDomains = "email-domain-check";
    public const string ReadReportMailbox = "email-report-mailbox";
    public const string FlagDueRequests = "dsr-deadline-check";
    public const string VerifyLedger = "ledger-verify";
    public const string PurgeAuditLog = "audit-log-purge";
    public const string RemindDpfReviews = "processor-dpf-review";
    public const string ApplyRetention = "retention-apply";
    public const string DeliverWebhooks = "webhook-delivery";
    public const string PurgeConsentProof = "consent-proof-purge";
    public const string RunImports = "imports-run";
    public const string SendArt14Notices = "art14-notices";
    public const string PurgeWebhookOutbox = "webhook-outbox-purge";
    public const string MaterialiseBroadcasts = "broadcasts-materialise";
    public const string FillAddressHashes = "people-address-hashes";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DispatchEmailJob>(EmailDispatch, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<DispatchSmsJob>(SmsDispatch, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<RunNurturePassJob>(NurturePass, job => job.RunAsync(true, CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PurgeUnconfirmedJob>(PurgeUnconfirmed, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<PurgeFeedbackJob>(PurgeFeedback, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
        recurring.AddOrUpdate<CheckSendingDomainsJob>(CheckSendingDomains, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        recurring.AddOrUpdate<FlagDueRequestsJob>(FlagDueRequests, job => job.RunAsync(CancellationToken.None), Cron.Daily(6));
        recurring.AddOrUpdate<VerifyLedgerJob>(VerifyLedger, job => job.RunAsync(CancellationToken.None), Cron.Daily(2));
        recurring.AddOrUpdate<PurgeAuditLogJob>(PurgeAuditLog, job => job.RunAsync(CancellationToken.None), Cron.Daily(2, 30));
        recurring.AddOrUpdate<RemindDpfReviewsJob>(RemindDpfReviews, job => job.RunAsync(CancellationToken.None), Cron.Daily(4, 30));
        recurring.AddOrUpdate<ApplyRetentionJob>(ApplyRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(5));
        // R55: within 60 s, even for an event whose signal was lost with its node.
        recurring.AddOrUpdate<DeliverWebhooksJob>(DeliverWebhooks, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PurgeConsentProofJob>(PurgeConsentProof, job => job.RunAsync(CancellationToken.None), Cron.Daily(5, 30));
        // R51: an upload whose node died goes on from its checkpoint.
        recurring.AddOrUpdate<RunImportsJob>(RunImports, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<SendArt14NoticesJob>(SendArt14Notices, job => job.RunAsync(CancellationToken.None), Cron.Daily(6, 30));
        recurring.AddOrUpdate<PurgeWebhookOutboxJob>(PurgeWebhookOutbox, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 45));
        // Invariant 3: any node may run it, and a broadcast whose pass died goes on from its records.
        recurring.AddOrUpdate<MaterialiseBroadcastsJob>(MaterialiseBroadcasts, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        // People stored before their address hashes existed (or by the CLI) join segments within the hour; at once after a start.
        recurring.AddOrUpdate<FillAddressHashesJob>(FillAddressHashes, job => job.RunAsync(CancellationToken.None), Cron.Hourly(17));
        recurring.Trigger(FillAddressHashes);
        if (!string.IsNullOrWhiteSpace(settings.Raw.Email.Imap.Host))
        {
            recurring.AddOrUpdate<ReadReportMailboxJob>(ReadReportMailbox, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        else
        {
            recurring.RemoveIfExists(ReadReportMailbox);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
