using Marketing.Data;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// Gives every stored person the keyed hashes of their addresses (<see cref="Person.EmailHash"/>, <see cref="Person.PhoneHash"/>)
/// where they are missing: people stored before the hashes existed, or written by a context without the hasher (the CLI).
/// Without them a segment leaves the person out (it cannot compare the address with the suppression list, R33, R34).
/// The hash is an HMAC whose key the database never holds, so it is computed here, a batch at a time, by id. Each row is
/// written only if its address is still the one hashed and its hash still missing: two nodes at once, or a person
/// changing their address meanwhile, never leave a wrong hash. A second run finds nothing to do.
/// </summary>
public static class FillAddressHashes
{
    public const int Batch = 1000;

    public sealed record Report(int Filled)
    {
        public override string ToString() => $"filled={Filled}";
    }

    public static async Task<Report> HandleAsync(MarketingDbContext db, AddressHasher hasher, CancellationToken ct)
    {
        var filled = 0;
        var after = Guid.Empty;
        while (true)
        {
            var last = after;
            var page = await db.People.AsNoTracking()
                .Where(p => (p.Email != null && p.EmailHash == null) || (p.Phone != null && p.PhoneHash == null))
                .Where(p => p.Id.CompareTo(last) > 0)
                .OrderBy(p => p.Id).Take(Batch)
                .Select(p => new { p.Id, p.Email, p.EmailHash, p.Phone, p.PhoneHash })
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                return new Report(filled);
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var person in page)
                {
                    var id = person.Id;
                    if (person.Email is { } email && person.EmailHash is null)
                    {
                        var hash = hasher.HashNormalized(email);
                        filled += await db.People.Where(p => p.Id == id && p.Email == email && p.EmailHash == null)
                            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EmailHash, hash), ct);
                    }

                    // A number that is no phone number keeps no hash: the segment leaves it out (and this pass passes it by).
                    if (person.PhoneHash is null && Identifiers.PhoneKey(person.Phone) is { } key)
                    {
                        var phone = person.Phone;
                        var hash = hasher.HashNormalized(key);
                        filled += await db.People.Where(p => p.Id == id && p.Phone == phone && p.PhoneHash == null)
                            .ExecuteUpdateAsync(u => u.SetProperty(p => p.PhoneHash, hash), ct);
                    }
                }

                await transaction.CommitAsync(ct);
            }

            after = page[^1].Id;
        }
    }
}
