using Hangfire;
using Marketing.Data;
using Marketing.Channels.Email;

namespace Marketing.Server.Channels.Email;

/// <summary>Re-verifies the sending domains' DNS every day (R67): a regression holds marketing until a check passes.</summary>
public sealed class CheckSendingDomainsJob(MarketingDbContext db, SendingDomains domains, TimeProvider clock, EmailDispatchSignal signal)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        if ((await domains.VerifyAsync(db, clock, "domain-check", ct)).Any(v => v.Check is { Passed: true }))
        {
            signal.Notify();
        }
    }
}
