using System.Security.Claims;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Sending;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

public static partial class PeopleEndpoints
{
    public sealed record ConsentStateView(string Purpose, string Channel, string Status, Guid LastEventId, DateTimeOffset UpdatedAt);
    public sealed record PersonView(Guid Id, string? Email, string? Phone, IReadOnlyDictionary<string, string> Attributes, string? Locale,
        string? TimeZone, string? Country, bool Business, string Regime, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        IReadOnlyList<ConsentStateView> Consents, bool LegalPersonAddress, IReadOnlyList<PurchaseView> Purchases);
    public sealed record PatchPersonRequest(string? TimeZone, string? Locale, string? Country, bool? Business = null,
        Dictionary<string, string?>? Attributes = null);
    public sealed record PurchaseRequest(string? Reference, string? Category, DateTimeOffset? OrderedAt, bool? OptOutOffered, bool? RefusedMarketing = null);
    public sealed record PurchaseView(Guid Id, string Reference, string Category, DateTimeOffset OrderedAt, bool OptOutOffered, bool RefusedMarketing,
        DateTimeOffset RecordedAt, string Source);

    public static RouteGroupBuilder MapPeopleAdmin(this RouteGroupBuilder admin)
    {
        var people = admin.MapGroup("/people").WithTags("Leads");
        people.MapGet("/", FindAsync).WithName("FindPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapPatch("/{id:guid}", PatchAsync).WithName("PatchPerson").RequireAuthorization(AccessPolicies.Marketing);
        people.MapPost("/{id:guid}/purchases", AddPurchaseAsync).WithName("AddPurchase").RequireAuthorization(AccessPolicies.Marketing);
        return admin;
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> FindAsync(string? email, string? phone, MarketingDbContext db, ProspectingRules rules, CancellationToken ct)
    {
        Person? person;
        if (email is not null)
        {
            if (!Identifiers.TryNormalizeEmail(email, out var normalized))
            {
                return Problems.Field("email", "is not a valid email address");
            }

            person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Email == normalized, ct);
        }
        else if (phone is not null)
        {
            person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Phone == phone, ct);
        }
        else
        {
            return Problems.Field("email", "give ?email= or ?phone= (E.164)");
        }

        return person is null ? TypedResults.NotFound() : TypedResults.Ok(await ToViewAsync(db, rules, person, ct));
    }

    private static async Task<Results<Ok<PersonView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, ProspectingRules rules, CancellationToken ct) =>
        await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } person
            ? TypedResults.Ok(await ToViewAsync(db, rules, person, ct))
            : TypedResults.NotFound();

    /// <summary>
    /// Corrects what the widget guessed: the time zone (from the browser), the locale, the country and B2B audience
    /// and so the regime; and sets attributes (a null value removes one), such as the role B2B prospecting needs (R4).
    /// </summary>
    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> PatchAsync(
        Guid id, PatchPersonRequest? request, MarketingDbContext db, ProspectingRules rules, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (request?.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = ["is not an IANA time zone such as Europe/Paris"];
        }

        if (request?.Locale is { } locale && !PurposeRules.IsValidLocale(locale))
        {
            errors["locale"] = ["is not a locale such as en or fr-FR"];
        }

        if (request?.Country is { } country && !FormRules.IsKnownRegion(country))
        {
            errors["country"] = ["is not an ISO 3166 country code such as FR"];
        }

        if (request?.Attributes is { Count: > 50 })
        {
            errors["attributes"] = ["set at most 50 attributes at once"];
        }

        foreach (var (key, value) in request?.Attributes ?? [])
        {
            if (!AttributeName().IsMatch(key))
            {
                errors[$"attributes.{key}"] = ["names an attribute with lowercase letters, digits and '_', at most 64"];
            }
            else if (value is { Length: > 500 })
            {
                errors[$"attributes.{key}"] = ["must be at most 500 characters"];
            }
            else if (value is not null && FreeText.Problem(value) is { } problem)
            {
                // The same rule as a form's fields: an attribute reaches templates and mail clients.
                errors[$"attributes.{key}"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        person.TimeZone = request?.TimeZone ?? person.TimeZone;
        person.Locale = request?.Locale ?? person.Locale;
        person.Country = request?.Country ?? person.Country;
        person.Business = request?.Business ?? person.Business;
        person.Regime = Regimes.Resolve(person.Country, person.Business);
        // A new dictionary: the column is JSON, and EF notices a replaced value where it might miss an edited one.
        var attributes = new Dictionary<string, string>(person.Attributes);
        foreach (var (key, value) in request?.Attributes ?? [])
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
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "person.updated", id.ToString(),
            $"timeZone={person.TimeZone} locale={person.Locale} country={person.Country} business={person.Business} attributes={string.Join(",", request?.Attributes?.Keys.AsEnumerable() ?? [])}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ToViewAsync(db, rules, person, ct));
    }

    /// <summary>
    /// An order the shop reports, which makes the person a customer for the customer exception (R3, R7, R8): its
    /// reference, the product category, when, and whether the order form offered a way to refuse marketing. The same
    /// reference again is the same order.
    /// </summary>
    private static async Task<Results<Created<PurchaseView>, Ok<PurchaseView>, NotFound, ValidationProblem>> AddPurchaseAsync(
        Guid id, PurchaseRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request?.Reference) || request.Reference.Length > 100)
        {
            errors["reference"] = ["the order's reference is required, at most 100 characters (an account without an order makes no customer)"];
        }

        if (!SendAttestations.IsCategory(request?.Category))
        {
            errors["category"] = [SendAttestations.CategoryRule];
        }

        if (request?.OrderedAt is not { } orderedAt || orderedAt > now.AddMinutes(5))
        {
            errors["orderedAt"] = ["when the order was placed is required, and not in the future"];
        }

        if (request?.OptOutOffered is null)
        {
            errors["optOutOffered"] = ["say whether the order form offered a free, simple way to refuse marketing (true or false)"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var reference = request!.Reference!.Trim();
        if (await db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == id && p.Reference == reference, ct) is { } earlier)
        {
            return TypedResults.Ok(ToView(earlier));
        }

        var purchase = new Purchase
        {
            Id = Guid.CreateVersion7(), PersonId = id, Reference = reference, Category = request.Category!, OrderedAt = request.OrderedAt!.Value,
            OptOutOffered = request.OptOutOffered!.Value, RefusedMarketing = request.RefusedMarketing ?? false, RecordedAt = now, Source = user.Actor(),
        };
        db.Purchases.Add(purchase);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "person.purchase_recorded", id.ToString(),
            $"{reference} {purchase.Category} optOutOffered={purchase.OptOutOffered} refusedMarketing={purchase.RefusedMarketing}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (BulkInsert.IsUniqueViolation(e))
        {
            // The shop sent the same order twice at once: the other call recorded it.
            return TypedResults.Ok(ToView(await db.Purchases.AsNoTracking().SingleAsync(p => p.PersonId == id && p.Reference == reference, ct)));
        }

        return TypedResults.Created($"/api/admin/people/{id}", ToView(purchase));
    }

    private static PurchaseView ToView(Purchase p) => new(p.Id, p.Reference, p.Category, p.OrderedAt, p.OptOutOffered, p.RefusedMarketing, p.RecordedAt, p.Source);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex AttributeName();

    private static async Task<PersonView> ToViewAsync(MarketingDbContext db, ProspectingRules rules, Person p, CancellationToken ct)
    {
        var states = await (from s in db.ConsentStates.AsNoTracking()
                            join purpose in db.Purposes.AsNoTracking() on s.PurposeId equals purpose.Id
                            where s.PersonId == p.Id
                            select new ConsentStateView(purpose.Key, s.Channel, s.Status, s.LastEventId, s.UpdatedAt)).ToListAsync(ct);
        var purchases = await db.Purchases.AsNoTracking().Where(x => x.PersonId == p.Id).OrderBy(x => x.OrderedAt).ToListAsync(ct);
        return new PersonView(p.Id, p.Email, p.Phone, p.Attributes, p.Locale, p.TimeZone, p.Country, p.Business, p.Regime, p.Source,
            p.CreatedAt, p.UpdatedAt, states, rules.IsLegalPersonAddress(p.Email), [.. purchases.Select(ToView)]);
    }
}
