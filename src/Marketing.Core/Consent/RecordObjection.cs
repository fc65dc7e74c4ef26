using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Marketing.Webhooks;

namespace Marketing.Consent;

/// <summary>What an objection covers (R17): all direct marketing, one channel, or one purpose.</summary>
public static class ObjectionScopes
{
    public const string AllMarketing = "all_marketing";
    public const string Channel = "channel";
    public const string Purpose = "purpose";

    public static IReadOnlyList<string> All { get; } = [AllMarketing, Channel, Purpose];
}

/// <summary>How an objection reached the engine: an agent's entry from a reply, a call, a letter or a chat (R17), or the person's own link.</summary>
public static class ObjectionSources
{
    public static IReadOnlyList<string> ReceivedVia { get; } = ["email", "phone", "letter", "chat", "in_person", "form"];
}

/// <summary>
/// Records a person's objection to direct marketing (R17, GDPR art. 21(2)-(3); R35): an <c>objected</c> ledger event
/// for every purpose and channel in its scope — whatever the basis, so under legitimate interest too, where there is
/// no consent to withdraw — and an <c>objection</c> suppression entry on each of the person's addresses in scope, which
/// the gate reads before any basis. Like a withdrawal (<see cref="Withdraw"/>), the ledger and the list change together.
/// </summary>
public static class RecordObjection
{
    /// <param name="Scope">One of <see cref="ObjectionScopes"/>.</param>
    /// <param name="Channel">For the channel scope: email or sms.</param>
    /// <param name="Purpose">For the purpose scope: a purpose key.</param>
    /// <param name="ReceivedVia">How an agent received it (<see cref="ObjectionSources.ReceivedVia"/>); null for the person's own link.</param>
    public sealed record Command(string? Scope, string? Channel = null, string? Purpose = null, string? ReceivedVia = null);

    /// <param name="Ledger">The purposes and channels the objection was appended for, <c>purpose:channel</c>.</param>
    /// <param name="Suppressed">The suppression entries it added (already there ones are not counted).</param>
    public sealed record Recorded(IReadOnlyList<string> Ledger, int Suppressed);

    /// <summary>The channels the engine sends on: the ones an objection can stop.</summary>
    private static readonly string[] SendingChannels = [ChannelKeys.Email, ChannelKeys.Sms];

    public static async Task<Outcome<Recorded>> HandleAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Guid personId,
        Command command, ConsentAction action, string source, string actor, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return new Refusal.NotFound();
        }

        var errors = Check(command);
        Purpose[] purposes = [];
        if (errors.Count == 0)
        {
            purposes = command.Scope == ObjectionScopes.Purpose
                ? await db.Purposes.AsNoTracking().Where(p => p.Key == command.Purpose).ToArrayAsync(ct)
                : await db.Purposes.AsNoTracking().ToArrayAsync(ct);
            if (command.Scope == ObjectionScopes.Purpose && purposes.Length == 0)
            {
                errors["purpose"] = [$"no purpose '{command.Purpose}'"];
            }
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        string[] channels = command.Scope switch
        {
            ObjectionScopes.Channel => [command.Channel!],
            // An objection to one purpose covers the channels that purpose uses.
            ObjectionScopes.Purpose => [.. SendingChannels.Where(purposes[0].Channels.Contains)],
            _ => SendingChannels,
        };
        var scope = command.Scope == ObjectionScopes.Purpose ? command.Purpose! : SuppressionEntry.AnyPurpose;
        var method = command.ReceivedVia is { } via ? $"agent:{via}" : action.Method;
        return await ConsentLedger.RetryOnConflictAsync(db, async () =>
        {
            var person = await db.People.SingleAsync(p => p.Id == personId, ct);
            var ledger = new List<string>();
            var objected = (await db.ConsentStates.AsNoTracking()
                    .Where(s => s.PersonId == personId && s.Status == ConsentStatuses.Objected).Select(s => new { s.PurposeId, s.Channel }).ToListAsync(ct))
                .Select(s => (s.PurposeId, s.Channel)).ToHashSet();
            foreach (var purpose in purposes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var channel in channels.Where(c => purpose.Channels.Contains(c) && !objected.Contains((purpose.Id, c))))
                {
                    if (Identifier(person, channel) is not { } identifier)
                    {
                        continue;
                    }

                    await ConsentLedger.AppendDraftAsync(db, person, new ConsentEvent
                    {
                        Id = Guid.CreateVersion7(), PersonId = person.Id, Identifier = identifier.Value, IdentifierType = identifier.Type,
                        PurposeId = purpose.Id, PurposeKey = purpose.Key, Channel = channel, Regime = person.Regime,
                        Status = ConsentStatuses.Objected, Method = method, OccurredAt = LedgerHash.StorableTime(action.At),
                        Locale = person.Locale, PageUrl = action.PageUrl, IpAddress = action.IpAddress,
                        UserAgent = action.UserAgent is { Length: > 512 } ua ? ua[..512] : action.UserAgent,
                    }, ct);
                    ledger.Add($"{purpose.Key}:{channel}");
                }
            }

            var suppressed = 0;
            foreach (var channel in channels)
            {
                if (GateRules.AddressFor(person, channel) is not { } address)
                {
                    continue;
                }

                var hash = hasher.HashNormalized(address);
                if (!await db.Suppressions.AnyAsync(s => s.AddressHash == hash && s.Channel == channel && s.Scope == scope && s.Reason == SuppressionReasons.Objection, ct))
                {
                    WebhookOutbox.AddSuppression(db, new SuppressionEntry
                    {
                        Id = Guid.CreateVersion7(), AddressHash = hash, Channel = channel, Scope = scope,
                        Reason = SuppressionReasons.Objection, Source = source.Length > 120 ? source[..120] : source, CreatedAt = clock.GetUtcNow(),
                    }, person.Id);
                    suppressed++;
                }
            }

            if (ledger.Count + suppressed > 0)
            {
                // R18, R35: suppression must reach every processor that sends for us; the duty is recorded with the objection.
                await Compliance.NotifyProcessors.RecordAsync(db, clock, person.Id, Compliance.ProcessorNoticeReasons.Objection, null, actor, ct);
            }

            db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.objection_recorded", person.Id.ToString(),
                $"scope={command.Scope} channel={command.Channel} purpose={command.Purpose} method={method} ledger={string.Join(',', ledger)} suppressions={suppressed}"));
            await db.SaveChangesAsync(ct);
            return (Outcome<Recorded>)new Recorded(ledger, suppressed);
        });
    }

    private static Dictionary<string, string[]> Check(Command command)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.Scope is null || !ObjectionScopes.All.Contains(command.Scope))
        {
            errors["scope"] = [$"must be one of: {string.Join(", ", ObjectionScopes.All)}"];
        }
        else if (command.Scope == ObjectionScopes.Channel && !SendingChannels.Contains(command.Channel))
        {
            errors["channel"] = ["must be email or sms for an objection to a channel"];
        }
        else if (command.Scope != ObjectionScopes.Channel && command.Channel is not null)
        {
            errors["channel"] = ["only an objection to a channel names one"];
        }

        if (command.Scope == ObjectionScopes.Purpose && string.IsNullOrWhiteSpace(command.Purpose))
        {
            errors["purpose"] = ["is required for an objection to a purpose"];
        }
        else if (command.Scope is not null && command.Scope != ObjectionScopes.Purpose && command.Purpose is not null)
        {
            errors["purpose"] = ["only an objection to a purpose names one"];
        }

        if (command.ReceivedVia is not null && !ObjectionSources.ReceivedVia.Contains(command.ReceivedVia))
        {
            errors["receivedVia"] = [$"must be one of: {string.Join(", ", ObjectionSources.ReceivedVia)}"];
        }

        return errors;
    }

    private static (string Value, string Type)? Identifier(Person person, string channel) => channel switch
    {
        ChannelKeys.Email when person.Email is { } email => (email, "email"),
        ChannelKeys.Sms when person.Phone is { } phone => (phone, "phone"),
        _ => null,
    };
}
