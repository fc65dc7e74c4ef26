using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// Gives people stored before the name search existed their folded name (<see cref="Person.NameKey"/>), which every
/// later write sets itself. Run once, right after the migration that added the column: without it, the people page
/// would not find them by name.
/// </summary>
public static class FoldStoredNames
{
    /// <summary>The migration that added <c>people.name_key</c>.</summary>
    public const string Migration = "WebFoundation";

    public static bool IsNeededAfter(IEnumerable<string> appliedMigrations) =>
        appliedMigrations.Any(m => m.EndsWith($"_{Migration}", StringComparison.Ordinal));

    /// <summary>Folds in batches, in id order, so that a million people never sit in memory at once; returns how many got a name.</summary>
    public static async Task<int> HandleAsync(MarketingDbContext db, CancellationToken ct, int batch = 1000)
    {
        var folded = 0;
        // People without a name keep a null key and stay first in id order: skip past them, and the rest come next.
        var nameless = 0;
        while (true)
        {
            var people = await db.People.Where(p => p.NameKey == null).OrderBy(p => p.Id).Skip(nameless).Take(batch).ToListAsync(ct);
            if (people.Count == 0)
            {
                return folded;
            }

            foreach (var person in people)
            {
                // Setting the attributes sets the key (Person.Attributes).
                person.Attributes = new Dictionary<string, string>(person.Attributes);
                folded += person.NameKey is null ? 0 : 1;
                nameless += person.NameKey is null ? 1 : 0;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
