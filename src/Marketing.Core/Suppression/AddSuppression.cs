using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Marketing.Webhooks;

namespace Marketing.Suppression;

/// <summary>Puts an address on the suppression list (R33) by its keyed hash; the same entry again is the one already there.</summary>
public static class AddSuppression
{
    /// <param name="Region">Reads a national phone number; an address in international form needs none.</param>
    public sealed record Command(string? Address, string? Channel, string? Scope, string? Reason, string? Region);

    public sealed record Added(SuppressionEntry Entry, bool Created);

    private static readonly string[] SuppressibleChannels = [ChannelKeys.Email, ChannelKeys.Sms, SuppressionEntry.AnyChannel];

    public static async Task<Outcome<Added>> HandleAsync(
        MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Command command, string actor, CancellationToken ct)
    {
        var errors = new RuleErrors();
        var (hash, channel, scope, reason) = Check(command, hasher, errors);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var existing = await db.Suppressions.AsNoTracking().SingleOrDefaultAsync(
            s => s.AddressHash == hash && s.Channel == channel && s.Scope == scope && s.Reason == reason, ct);
        if (existing is not null)
        {
            return new Added(existing, Created: false);
        }

        var entry = NewEntry(hash, channel, scope, reason, $"admin:{actor}", clock);
        WebhookOutbox.AddSuppression(db, entry);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "suppression.added", entry.Id.ToString(), $"{reason} {channel}/{scope}"));
        await db.SaveChangesAsync(ct);
        return new Added(entry, Created: true);
    }

    /// <summary>The entry a command asks for, with each field at fault named in <paramref name="errors"/>.</summary>
    internal static (string Hash, string Channel, string Scope, string Reason) Check(Command command, AddressHasher hasher, RuleErrors errors)
    {
        var hash = "";
        if (string.IsNullOrWhiteSpace(command.Address) || !hasher.TryHash(command.Address, command.Region ?? "FR", out hash))
        {
            errors.Set("address", "suppression.address");
        }

        var channel = command.Channel ?? SuppressionEntry.AnyChannel;
        if (!SuppressibleChannels.Contains(channel))
        {
            errors.Set("channel", "suppression.channel");
        }

        var scope = command.Scope ?? SuppressionEntry.AnyPurpose;
        if (scope != SuppressionEntry.AnyPurpose && !PurposeRules.IsValidKey(scope))
        {
            errors.Set("scope", "suppression.scope");
        }

        var reason = command.Reason ?? SuppressionReasons.Manual;
        if (!SuppressionReasons.All.Contains(reason))
        {
            errors.Set("reason", "suppression.reason", ("reasons", SuppressionReasons.Addable));
        }
        else if (reason == SuppressionReasons.Objection)
        {
            // R17: an objection is a ledger event too; it is recorded on the person (RecordObjection), never as a bare entry.
            errors.Set("reason", "suppression.objection");
        }

        return (hash, channel, scope, reason);
    }

    internal static SuppressionEntry NewEntry(string hash, string channel, string scope, string reason, string source, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(), AddressHash = hash, Channel = channel, Scope = scope, Reason = reason,
        Source = source.Length > 120 ? source[..120] : source, CreatedAt = clock.GetUtcNow(),
    };
}
