using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// The people who hold a set of identifiers, read at once for a batch of sign-ups, and the people a batch creates
/// for identifiers nobody holds yet, so that a later sign-up in the same batch finds them.
/// </summary>
public sealed class PeopleByIdentifier
{
    private readonly Dictionary<string, Person> _byIdentifier = [];

    private PeopleByIdentifier()
    {
    }

    /// <summary>The stored people (tracked) holding any of the emails or phone numbers, each normalised.</summary>
    public static async Task<PeopleByIdentifier> LoadAsync(MarketingDbContext db, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> phones, CancellationToken ct)
    {
        // Two plain index probes. The "!= null" matters: without it EF adds a NULL-matching branch to the
        // condition, and PostgreSQL then scans every person instead of probing the index.
        var found = emails.Count == 0 ? [] : await db.People.Where(p => p.Email != null && emails.Contains(p.Email)).ToListAsync(ct);
        if (phones.Count > 0)
        {
            found.AddRange(await db.People.Where(p => p.Phone != null && phones.Contains(p.Phone)).ToListAsync(ct));
        }

        var people = new PeopleByIdentifier();
        foreach (var person in found)
        {
            people.Index(person);
        }

        return people;
    }

    public Person? ByEmail(string? email) => email is null ? null : _byIdentifier.GetValueOrDefault($"e:{email}");

    public Person? ByPhone(string? phone) => phone is null ? null : _byIdentifier.GetValueOrDefault($"p:{phone}");

    /// <summary>The ids of the people held before the batch's first creation, and those it created.</summary>
    public List<Guid> Ids() => [.. _byIdentifier.Values.Select(p => p.Id).Distinct()];

    /// <summary>A new person for identifiers nobody holds; the caller stores it.</summary>
    public Person Create(string? email, string? phone, string regime, string source, DateTimeOffset now)
    {
        var person = new Person { Id = Guid.CreateVersion7(), Email = email, Phone = phone, Regime = regime, Source = source, CreatedAt = now };
        Index(person);
        return person;
    }

    private void Index(Person person)
    {
        if (person.Email is not null)
        {
            _byIdentifier[$"e:{person.Email}"] = person;
        }

        if (person.Phone is not null)
        {
            _byIdentifier[$"p:{person.Phone}"] = person;
        }
    }
}
