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

    /// <summary>The rules' messages, by which the web app shows each in the reader's language.</summary>
    public static class Messages
    {
        public const string TimeZone = "is not an IANA time zone such as Europe/Paris";
        public const string Locale = "is not a locale such as en or fr-FR";
        public const string Country = "is not an ISO 3166 country code such as FR";
        public const string TooMany = "set at most 50 attributes at once";
        public const string AttributeName = "names an attribute with lowercase letters, digits and '_', at most 64";
        public const string AttributeLength = "must be at most 500 characters";
    }

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

        person.TimeZone = command.TimeZone ?? person.TimeZone;
        person.Locale = command.Locale ?? person.Locale;
        person.Country = command.Country ?? person.Country;
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
        person.UpdatedAt = clock.GetUtcNow();
        person.RowVersion++;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.updated", id.ToString(),
            $"timeZone={person.TimeZone} locale={person.Locale} country={person.Country} business={person.Business} attributes={string.Join(",", command.Attributes?.Keys.AsEnumerable() ?? [])}"));
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>The fields a correction and the contact API (<see cref="SaveContact"/>) share, each at fault with its message.</summary>
    internal static Dictionary<string, string[]> Check(Command command)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = [Messages.TimeZone];
        }

        if (command.Locale is { } locale && !PurposeRules.IsValidLocale(locale))
        {
            errors["locale"] = [Messages.Locale];
        }

        if (command.Country is { } country && !FormRules.IsKnownRegion(country))
        {
            errors["country"] = [Messages.Country];
        }

        if (command.Attributes is { Count: > MaxAttributesAtOnce })
        {
            errors["attributes"] = [Messages.TooMany];
        }

        foreach (var (key, value) in command.Attributes ?? [])
        {
            if (!AttributeName().IsMatch(key))
            {
                errors[$"attributes.{key}"] = [Messages.AttributeName];
            }
            else if (value is { Length: > MaxAttributeLength })
            {
                errors[$"attributes.{key}"] = [Messages.AttributeLength];
            }
            else if (value is not null && FreeText.Problem(value) is { } problem)
            {
                // The same rule as a form's fields: an attribute reaches templates and mail clients.
                errors[$"attributes.{key}"] = [problem];
            }
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex AttributeName();
}
