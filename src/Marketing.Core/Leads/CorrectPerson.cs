using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// Corrects what the widget guessed: the time zone (from the browser), the locale, the country and B2B audience and
/// so the regime; and sets attributes (a null value removes one), such as the role B2B prospecting needs (R4).
/// An authorised user's change (invariant 7), audited with the fields it touched.
/// </summary>
public static partial class CorrectPerson
{
    public const int MaxAttributesAtOnce = 50;
    public const int MaxAttributeLength = 500;

    public sealed record Command(string? TimeZone, string? Locale, string? Country, bool? Business = null, Dictionary<string, string?>? Attributes = null);

    public static async Task<Outcome<Person>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid id, Command command, string actor, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return new Refusal.NotFound();
        }

        var errors = Check(command);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        Apply(person, command, clock.GetUtcNow());
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.updated", id.ToString(),
            $"timeZone={person.TimeZone} locale={person.Locale} country={person.Country} business={person.Business} attributes={string.Join(",", command.Attributes?.Keys.AsEnumerable() ?? [])}"));
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// Writes a checked correction: a given field replaces the stored one, an attribute set to null is removed, the regime
    /// follows the country. The contact API (<see cref="SaveContact"/>) writes its fields the same way.
    /// </summary>
    internal static void Apply(Person person, Command command, DateTimeOffset now)
    {
        person.TimeZone = command.TimeZone ?? person.TimeZone;
        person.Locale = command.Locale ?? person.Locale;
        person.Country = command.Country?.ToUpperInvariant() ?? person.Country;
        person.Business = command.Business ?? person.Business;
        person.Regime = Regimes.Resolve(person.Country, person.Business);
        // A new dictionary: the column is JSON, and EF notices a replaced value where it might miss an edited one.
        var attributes = new Dictionary<string, string>(person.Attributes);
        foreach (var (key, value) in command.Attributes ?? [])
        {
            if (value is null)
            {
                attributes.Remove(key);
            }
            else
            {
                attributes[key] = value;
            }
        }

        person.Attributes = attributes;
        person.UpdatedAt = now;
        person.RowVersion++;
    }

    /// <summary>The fields a correction and the contact API (<see cref="SaveContact"/>) share, each at fault with its code.</summary>
    internal static RuleErrors Check(Command command)
    {
        var errors = new RuleErrors();
        if (command.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Set("timeZone", "person.timeZone");
        }

        if (command.Locale is { } locale && !PurposeRules.IsValidLocale(locale))
        {
            errors.Set("locale", "person.locale");
        }

        if (command.Country is { } country && !FormRules.IsKnownRegion(country))
        {
            errors.Set("country", "person.country");
        }

        if (command.Attributes is { Count: > MaxAttributesAtOnce })
        {
            errors.Set("attributes", "person.attributes", ("max", MaxAttributesAtOnce));
        }

        foreach (var (key, value) in command.Attributes ?? [])
        {
            if (!AttributeName().IsMatch(key))
            {
                errors.Set($"attributes.{key}", "person.attribute.name");
            }
            else if (value is { Length: > MaxAttributeLength })
            {
                errors.Set($"attributes.{key}", "person.attribute.length", ("max", MaxAttributeLength));
            }
            else if (value is not null && FreeText.Check(value) is { } problem)
            {
                // The same rule as a form's fields: an attribute reaches templates and mail clients.
                errors.Set($"attributes.{key}", problem);
            }
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex AttributeName();
}
