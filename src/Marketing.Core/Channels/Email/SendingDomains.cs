using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Spf;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Suppression;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace Marketing.Channels.Email;

/// <summary>One verification of a sending domain's DNS (R67), kept so a later one can be compared with it.</summary>
public sealed class DomainCheck
{
    public Guid Id { get; init; }
    public required string Domain { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
    public bool Passed { get; init; }
    /// <summary>It failed after the previous check had passed: the domain's marketing mail waits until a check passes again.</summary>
    public bool Regressed { get; init; }
    public List<DomainCheckItem> Items { get; init; } = [];
}

/// <summary><c>spf</c>, <c>dkim</c>, <c>dmarc</c> or <c>alignment</c>: whether it holds, and what was found.</summary>
public sealed record DomainCheckItem(string Name, bool Passed, string Detail);

/// <summary>
/// One domain's outcome of a verification: the check stored, or, when DNS could not answer (a timeout, a server
/// failure, an SPF temporary error), nothing stored and why: a glitch must neither verify nor regress a domain.
/// </summary>
public sealed record DomainVerification(string Domain, DomainCheck? Check, string? Inconclusive);

/// <summary>What the domain's DNS should say, from the engine's own settings.</summary>
public sealed record SendingDomainSetup(
    IReadOnlyList<IPAddress> SendingIps,
    IReadOnlyList<string> SpfIncludes,
    DkimKey? Dkim,
    int BulkThreshold);

/// <summary>
/// Bulk senders' authentication (R67): SPF that authorises the relay, a DKIM key in DNS of at least 1024 bits that
/// verifies a message the engine signs, a DMARC policy, and From aligned with DKIM or SPF. Checked on demand and every
/// day. A domain that has not passed may still send up to <see cref="SendingDomainSetup.BulkThreshold"/> marketing
/// messages in 24 hours; a domain whose check regressed sends no marketing until it passes again.
/// </summary>
public sealed class SendingDomains(Lazy<IDnsResolver> dns, SendingDomainSetup setup, EmailComposer composer, ListHygiene hygiene)
{
    /// <summary>Made at the first check: a machine whose resolvers cannot be read must still send mail.</summary>
    private IDnsResolver Resolver => dns.Value;

    public const string VerifiedAction = "email.domain_verified";
    public const string RegressedAction = "email.domain_regressed";
    public const string HoldReasonPrefix = "marketing email held (R67)";

    /// <summary>Over the unverified domain's daily volume, a message looks again in an hour, as the 24-hour window moves on.</summary>
    public static readonly TimeSpan VolumeRecheck = TimeSpan.FromHours(1);
    /// <summary>Held by a regression, it waits for the check that passes, which releases it; a day at most.</summary>
    public static readonly TimeSpan RegressionRecheck = TimeSpan.FromDays(1);

    public SendingDomainSetup Setup => setup;

    /// <summary>Checks every sending domain, stores the results, audits a change of state and releases held mail once a domain passes.</summary>
    public async Task<IReadOnlyList<DomainVerification>> VerifyAsync(MarketingDbContext db, TimeProvider clock, string actor, CancellationToken ct)
    {
        try
        {
            // Fresh answers: an operator re-checks right after fixing a record, and the resolver would serve the old one for its TTL.
            Resolver.ClearCache();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [.. hygiene.Domains.Select(d => new DomainVerification(d, null, $"no DNS resolver to ask: {e.Message}; set Marketing:Email:Domain:DnsServer"))];
        }

        var verifications = new List<DomainVerification>();
        foreach (var domain in hygiene.Domains)
        {
            List<DomainCheckItem> items;
            try
            {
                items = await CheckAsync(domain, clock.GetUtcNow(), ct);
            }
            catch (DnsUnanswered e)
            {
                verifications.Add(new DomainVerification(domain, null, e.Message));
                continue;
            }

            var previous = await LatestAsync(db, domain, ct);
            var passed = items.All(i => i.Passed);
            var check = new DomainCheck
            {
                Id = Guid.CreateVersion7(), Domain = domain, CheckedAt = clock.GetUtcNow(), Passed = passed,
                Regressed = !passed && previous is { Passed: true } or { Regressed: true }, Items = items,
            };
            db.DomainChecks.Add(check);
            if (passed && previous is not { Passed: true })
            {
                db.AuditEntries.Add(AuditEntry.Create(clock, actor, VerifiedAction, domain, "SPF, DKIM, DMARC and alignment hold (R67)"));
            }
            else if (check.Regressed && previous is { Passed: true })
            {
                db.AuditEntries.Add(AuditEntry.Create(clock, actor, RegressedAction, domain,
                    string.Join("; ", items.Where(i => !i.Passed).Select(i => $"{i.Name}: {i.Detail}"))));
            }

            await db.SaveChangesAsync(ct);
            if (passed)
            {
                await SendPacing.ReleaseAsync(db, ChannelKeys.Email, $"{HoldReasonPrefix} on {domain}", clock.GetUtcNow(), ct);
            }

            verifications.Add(new DomainVerification(domain, check, null));
        }

        return verifications;
    }

    public static Task<DomainCheck?> LatestAsync(MarketingDbContext db, string domain, CancellationToken ct) =>
        db.DomainChecks.AsNoTracking().Where(c => c.Domain == domain).OrderByDescending(c => c.CheckedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// How many of the <paramref name="marketing"/> messages of this batch, from the marketing domain, may leave now,
    /// and why the rest wait. A verified domain has no limit; the day's count is read only when it has not passed, and
    /// counts what other passes hold right now too, so passes side by side do not each send the whole allowance.
    /// </summary>
    public async Task<(int Allowed, Deferral? Hold)> AllowanceAsync(MarketingDbContext db, IReadOnlyList<SendRecord> marketing, DateTimeOffset now, CancellationToken ct)
    {
        var domain = hygiene.MarketingDomain;
        var latest = await LatestAsync(db, domain, ct);
        if (latest is { Passed: true })
        {
            return (marketing.Count, null);
        }

        if (latest is { Regressed: true })
        {
            return (0, new Deferral(now + RegressionRecheck, $"{HoldReasonPrefix} on {domain}: its DNS check regressed on {latest.CheckedAt:yyyy-MM-dd HH:mm}Z "
                + $"({string.Join(", ", latest.Items.Where(i => !i.Passed).Select(i => i.Name))}); fix it and check again"));
        }

        var since = now - ListHygiene.RateWindow;
        var sent = await db.SendRecords.CountAsync(r => r.SentAt >= since && r.Status == SendStatuses.Sent && r.Channel == ChannelKeys.Email
            && r.MessageType == MessageTypes.Marketing, ct);
        var ours = marketing.Select(r => r.Id).ToList();
        var elsewhere = await db.SendRecords.CountAsync(r => (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver) && r.Channel == ChannelKeys.Email
            && r.MessageType == MessageTypes.Marketing && r.ClaimedAt >= since && !ours.Contains(r.Id), ct);
        var allowed = Math.Clamp(setup.BulkThreshold - sent - elsewhere, 0, marketing.Count);
        return (allowed, allowed == marketing.Count ? null : new Deferral(now + VolumeRecheck,
            $"{HoldReasonPrefix} on {domain}: over {setup.BulkThreshold} marketing emails in 24 hours from a domain "
            + (latest is null ? "never checked" : "whose DNS check failed") + " (SPF, DKIM, DMARC)"));
    }

    private async Task<List<DomainCheckItem>> CheckAsync(string domain, DateTimeOffset now, CancellationToken ct)
    {
        var (spf, spfEvaluated) = await SpfAsync(domain, ct);
        var (dkim, dkimAligned) = await DkimAsync(domain, now, ct);
        var (dmarc, strictDkim) = await DmarcAsync(domain, ct);
        // The engine's envelope sender is the From address, so SPF evaluated for the relay's own addresses aligns when it
        // passes. A provider's include is only read, not evaluated, and providers often rewrite the envelope: no SPF alignment then.
        var aligned = dkim.Passed && dkimAligned is { } d && (strictDkim ? d.Equals(domain, StringComparison.OrdinalIgnoreCase) : Related(d, domain));
        var spfAligned = spf.Passed && spfEvaluated;
        var alignment = new DomainCheckItem("alignment", aligned || spfAligned,
            aligned ? $"DKIM d={dkimAligned} aligns with From {domain}" : spfAligned ? $"SPF passes for the relay with {domain}, the From domain, as envelope sender"
            : $"neither DKIM ({dkimAligned ?? "none"}) nor an evaluated SPF aligns with From {domain}");
        return [spf, dkim, dmarc, alignment];
    }

    /// <summary>The SPF item, and whether the record was evaluated for the relay's addresses (not only read).</summary>
    private async Task<(DomainCheckItem Item, bool Evaluated)> SpfAsync(string domain, CancellationToken ct)
    {
        var item = await SpfItemAsync(domain, ct);
        return (item, item.Passed && setup.SendingIps.Count > 0);
    }

    private async Task<DomainCheckItem> SpfItemAsync(string domain, CancellationToken ct)
    {
        var records = (await TxtAsync(domain, ct)).Where(t => t.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase)).ToList();
        if (records.Count != 1)
        {
            return new DomainCheckItem("spf", false, records.Count == 0 ? $"no SPF record at {domain}" : $"{records.Count} SPF records at {domain}: exactly one is allowed");
        }

        if (setup.SendingIps.Count == 0 && setup.SpfIncludes.Count == 0)
        {
            return new DomainCheckItem("spf", false, $"'{records[0]}' found; set Marketing:Email:Domain:SendingIps or SpfIncludes so it can be checked against the relay");
        }

        var validator = new SpfValidator { DnsResolver = Resolver };
        foreach (var ip in setup.SendingIps)
        {
            var result = await validator.CheckHostAsync(ip, DomainName.Parse(domain), $"postmaster@{domain}", false, ct);
            if (result.Result == SpfQualifier.TempError)
            {
                throw new DnsUnanswered($"SPF evaluation of {domain} for {ip} met a temporary DNS error");
            }

            if (result.Result != SpfQualifier.Pass)
            {
                return new DomainCheckItem("spf", false, $"'{records[0]}' gives {result.Result.ToString().ToLowerInvariant()} for the relay's address {ip}");
            }
        }

        var terms = records[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var include in setup.SpfIncludes)
        {
            if (!terms.Any(t => t.Equals($"include:{include}", StringComparison.OrdinalIgnoreCase) || t.Equals($"+include:{include}", StringComparison.OrdinalIgnoreCase)))
            {
                return new DomainCheckItem("spf", false, $"'{records[0]}' does not include:{include}");
            }
        }

        return new DomainCheckItem("spf", true, $"'{records[0]}' authorises {string.Join(", ", setup.SendingIps.Select(i => i.ToString()).Concat(setup.SpfIncludes.Select(i => $"include:{i}")))}");
    }

    private async Task<(DomainCheckItem Item, string? SigningDomain)> DkimAsync(string domain, DateTimeOffset now, CancellationToken ct)
    {
        if (setup.Dkim is not { } key)
        {
            return (new DomainCheckItem("dkim", false, "no DKIM key configured (Marketing:Email:Dkim)"), null);
        }

        var name = $"{key.Selector}._domainkey.{key.Domain}";
        var txt = string.Concat((await TxtAsync(name, ct)).Where(t => t.Contains("p=", StringComparison.Ordinal)).Take(1));
        if (txt.Length == 0)
        {
            return (new DomainCheckItem("dkim", false, $"no DKIM key at {name}"), key.Domain);
        }

        RecordLocator locator;
        try
        {
            locator = new RecordLocator(txt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (new DomainCheckItem("dkim", false, $"the record at {name} holds no usable key: {e.Message}"), key.Domain);
        }

        var bits = locator.Key is RsaKeyParameters rsa ? rsa.Modulus.BitLength : 0;
        if (bits < 1024)
        {
            return (new DomainCheckItem("dkim", false, $"the key at {name} is {(bits == 0 ? "not RSA" : $"{bits}-bit")}: at least 1024 bits are needed, 2048 recommended"), key.Domain);
        }

        // A test message signed as real mail is, verified with the published key: proves the key pair and the selector.
        var probe = new SendRecord
        {
            Id = Guid.NewGuid(), Key = "dkim-check", Channel = ChannelKeys.Email, MessageType = MessageTypes.Marketing, TemplateKey = "dkim-check",
            Status = SendStatuses.Queued,
        };
        var message = composer.Compose(probe, $"postmaster@{domain}", new RenderedMessage("DKIM check", "<p>DKIM check</p>", "DKIM check"),
            $"https://{domain}/unsubscribe-check", now);
        var signature = message.Headers.FirstOrDefault(h => h.Id == HeaderId.DkimSignature);
        var verified = signature is not null && await new DkimVerifier(locator).VerifyAsync(message, signature, ct);
        return verified
            ? (new DomainCheckItem("dkim", true, $"{bits}-bit key at {name} verifies a message the engine signed{(bits < 2048 ? "; 2048 bits are recommended" : "")}"), key.Domain)
            : (new DomainCheckItem("dkim", false, $"the key at {name} does not verify a message signed with the configured private key"), key.Domain);
    }

    private async Task<(DomainCheckItem Item, bool StrictDkim)> DmarcAsync(string domain, CancellationToken ct)
    {
        // The From domain's own record, else its organisational domain's (approximated as its parents).
        for (var candidate = domain; candidate.Contains('.', StringComparison.Ordinal); candidate = candidate[(candidate.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            var record = (await TxtAsync($"_dmarc.{candidate}", ct)).FirstOrDefault(t => t.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase));
            if (record is null)
            {
                continue;
            }

            // A tag given twice is a malformed record; the first one is read, as receivers tend to.
            var tags = record.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => t.Split('=', 2)).Where(t => t.Length == 2).GroupBy(t => t[0].Trim().ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.First()[1].Trim().ToLowerInvariant());
            var policy = tags.GetValueOrDefault("p");
            var strict = tags.GetValueOrDefault("adkim") == "s";
            return policy is "none" or "quarantine" or "reject"
                ? (new DomainCheckItem("dmarc", true, $"_dmarc.{candidate}: p={policy}"), strict)
                : (new DomainCheckItem("dmarc", false, $"_dmarc.{candidate} has no valid policy (p=none, quarantine or reject)"), strict);
        }

        return (new DomainCheckItem("dmarc", false, $"no DMARC record at _dmarc.{domain}"), false);
    }

    /// <summary>The TXT strings at a name; none when it does not exist. A resolver that cannot answer makes the check inconclusive.</summary>
    private async Task<List<string>> TxtAsync(string name, CancellationToken ct)
    {
        try
        {
            var records = await Resolver.ResolveAsync<TxtRecord>(DomainName.Parse(name), RecordType.Txt, RecordClass.INet, ct);
            return [.. records.Select(r => r.TextData)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // ARSoft reports timeouts and server failures as a plain exception ("DNS request failed").
            throw new DnsUnanswered($"DNS did not answer for {name}: {e.Message}");
        }
    }

    private sealed class DnsUnanswered(string message) : Exception(message);

    /// <summary>Relaxed alignment: the same domain, or one within the other (a conservative stand-in for the organisational domain).</summary>
    private static bool Related(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) || a.EndsWith("." + b, StringComparison.OrdinalIgnoreCase) || b.EndsWith("." + a, StringComparison.OrdinalIgnoreCase);

    /// <summary>Hands MimeKit's verifier the key found in DNS, so the check verifies against exactly what receivers will see.</summary>
    private sealed class RecordLocator(string txt) : DkimPublicKeyLocatorBase
    {
        public Org.BouncyCastle.Crypto.AsymmetricKeyParameter Key { get; } = GetPublicKey(txt);

        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => Key;

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(Key);
    }
}

internal sealed class DomainCheckConfiguration : IEntityTypeConfiguration<DomainCheck>
{
    public void Configure(EntityTypeBuilder<DomainCheck> builder)
    {
        builder.ToTable("domain_checks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Domain).HasMaxLength(255);
        builder.Property(c => c.Items).HasJsonConversion();
        builder.HasIndex(c => new { c.Domain, c.CheckedAt });
    }
}
