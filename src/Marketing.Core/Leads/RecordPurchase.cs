using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// An order the shop reports, which makes the person a customer for the customer exception (R3, R7, R8): its
/// reference, the product category, when, and whether the order form offered a way to refuse marketing. The same
/// reference again is the same order.
/// </summary>
public static class RecordPurchase
{
    public const int MaxReferenceLength = 100;

    public sealed record Command(string? Reference, string? Category, DateTimeOffset? OrderedAt, bool? OptOutOffered, bool? RefusedMarketing = null);

    /// <param name="IsNew">False when the person already had an order of that reference, which is returned as it is.</param>
    public sealed record Recorded(Purchase Purchase, bool IsNew);

    public static async Task<Outcome<Recorded>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid personId, Command command, string actor, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return new Refusal.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(command.Reference) || command.Reference.Length > MaxReferenceLength)
        {
            errors["reference"] = ["the order's reference is required, at most 100 characters (an account without an order makes no customer)"];
        }

        if (!SendAttestations.IsCategory(command.Category))
        {
            errors["category"] = [SendAttestations.CategoryRule];
        }

        if (command.OrderedAt is not { } orderedAt || orderedAt > now.AddMinutes(5))
        {
            errors["orderedAt"] = ["when the order was placed is required, and not in the future"];
        }

        if (command.OptOutOffered is null)
        {
            errors["optOutOffered"] = ["say whether the order form offered a free, simple way to refuse marketing (true or false)"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var reference = command.Reference!.Trim();
        if (await db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == personId && p.Reference == reference, ct) is { } earlier)
        {
            return new Recorded(earlier, IsNew: false);
        }

        var purchase = new Purchase
        {
            Id = Guid.CreateVersion7(), PersonId = personId, Reference = reference, Category = command.Category!, OrderedAt = command.OrderedAt!.Value,
            OptOutOffered = command.OptOutOffered!.Value, RefusedMarketing = command.RefusedMarketing ?? false, RecordedAt = now, Source = actor,
        };
        db.Purchases.Add(purchase);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.purchase_recorded", personId.ToString(),
            $"{reference} {purchase.Category} optOutOffered={purchase.OptOutOffered} refusedMarketing={purchase.RefusedMarketing}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (BulkInsert.IsUniqueViolation(e))
        {
            // The shop sent the same order twice at once: the other call recorded it.
            return new Recorded(await db.Purchases.AsNoTracking().SingleAsync(p => p.PersonId == personId && p.Reference == reference, ct), IsNew: false);
        }

        return new Recorded(purchase, IsNew: true);
    }
}
