using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Segments;

/// <summary>
/// The people of a segment as one query the database evaluates (nothing is filtered in memory): every condition ANDed,
/// and never a restricted (R39), erased (R38) or suppressed (R33, R34) person, nor one without an address on the channel.
/// </summary>
public static class QuerySegment
{
    /// <summary>The segment's people, not yet read: count them, page them, or enrol them.</summary>
    public sealed record Audience(IQueryable<Person> People);

    /// <summary>The query, or the fields naming what does not exist (a purpose, an import batch).</summary>
    public static async Task<Outcome<Audience>> HandleAsync(MarketingDbContext db, TimeProvider clock, SegmentDefinition definition, CancellationToken ct)
    {
        var errors = SegmentRules.ValidateDefinition(definition);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var conditions = definition.Conditions!.Select(c => c!).ToList();
        var purposeKeys = conditions.Where(c => c.Type == SegmentConditionTypes.Consent).Select(c => c.Purpose!).Distinct().ToList();
        var purposes = await db.Purposes.AsNoTracking().Where(p => purposeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.Id, ct);
        var batchIds = conditions.Where(c => c.Type == SegmentConditionTypes.ImportBatch).Select(c => c.BatchId!.Value).Distinct().ToList();
        var batches = await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).Select(b => b.Id).ToListAsync(ct);
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Type == SegmentConditionTypes.Consent && !purposes.ContainsKey(conditions[i].Purpose!))
            {
                errors.Set($"conditions[{i}].purpose", "segment.purpose_unknown");
            }
            else if (conditions[i].Type == SegmentConditionTypes.ImportBatch && !batches.Contains(conditions[i].BatchId!.Value))
            {
                errors.Set($"conditions[{i}].batchId", "segment.batch_unknown");
            }
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var people = Reachable(db, definition.Channel!, purposeKeys);
        foreach (var condition in conditions)
        {
            people = Apply(db, people, condition, purposes, now);
        }

        return new Audience(people);
    }

    /// <summary>People a message on <paramref name="channel"/> may still reach: not restricted, not erased, address not suppressed.</summary>
    private static IQueryable<Person> Reachable(MarketingDbContext db, string channel, List<string> purposeKeys)
    {
        string[] channels = [channel, SuppressionEntry.AnyChannel];
        // A suppression of every purpose, or of a purpose the segment asks consent for, takes the person out.
        List<string> scopes = [SuppressionEntry.AnyPurpose, .. purposeKeys];
        var people = db.People.AsNoTracking().Where(p => p.RestrictedAt == null && p.ErasedAt == null);
        // A person whose hash is unknown is left out: an address never compared with the list may be suppressed.
        return channel == ChannelKeys.Email
            ? people.Where(p => p.Email != null && p.EmailHash != null
                && !db.Suppressions.Any(s => s.AddressHash == p.EmailHash && channels.Contains(s.Channel) && scopes.Contains(s.Scope)))
            : people.Where(p => p.Phone != null && p.PhoneHash != null
                && !db.Suppressions.Any(s => s.AddressHash == p.PhoneHash && channels.Contains(s.Channel) && scopes.Contains(s.Scope)));
    }

    private static IQueryable<Person> Apply(MarketingDbContext db, IQueryable<Person> people, SegmentCondition c, Dictionary<string, Guid> purposes, DateTimeOffset now)
    {
        switch (c.Type)
        {
            case SegmentConditionTypes.Attribute:
                var matching = ProviderQueries.For(db).PeopleWithAttribute(db, c.Key!, c.Operator == AttributeOperators.Containing, c.Value!).Select(p => p.Id);
                return people.Where(p => matching.Contains(p.Id));
            case SegmentConditionTypes.Regime:
                var regime = c.Value!;
                return people.Where(p => p.Regime == regime);
            case SegmentConditionTypes.Source:
                var prefix = c.Value!;
                return people.Where(p => p.Source.StartsWith(prefix));
            case SegmentConditionTypes.ImportBatch:
                var source = ImportSource(c.BatchId!.Value);
                return people.Where(p => p.Source == source);
            case SegmentConditionTypes.Consent:
                var purposeId = purposes[c.Purpose!];
                var (consentChannel, status) = (c.Channel!, c.Status!);
                return people.Where(p => db.ConsentStates.Any(s => s.PersonId == p.Id && s.PurposeId == purposeId && s.Channel == consentChannel && s.Status == status));
            case SegmentConditionTypes.Activity:
                var since = now.AddDays(-c.WithinDays!.Value);
                return c.Activity switch
                {
                    SegmentActivities.Submitted => people.Where(p => db.Submissions.Any(s => s.PersonId == p.Id && s.ReceivedAt >= since)),
                    SegmentActivities.Clicked => people.Where(p => db.SendRecords.Any(r => r.PersonId == p.Id && r.Recipient == SendRecipients.Person && r.ClickedAt >= since)),
                    SegmentActivities.Ordered => people.Where(p => db.Purchases.Any(o => o.PersonId == p.Id && o.OrderedAt >= since)),
                    _ => people.Where(p => db.SmsReplies.Any(r => r.PersonId == p.Id && r.ReceivedAt >= since)),
                };
            default:
                throw new InvalidOperationException($"Condition type '{c.Type}' passed the rules but has no query.");
        }
    }

    /// <summary>The source an imported person carries (<see cref="ImportContacts"/>): the batch they came in.</summary>
    public static string ImportSource(Guid batchId) => $"import:{batchId}";
}
