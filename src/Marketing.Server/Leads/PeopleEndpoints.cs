using System.Security.Claims;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

public static class PeopleEndpoints
{
    public sealed record ConsentStateView(string Purpose, string Channel, string Status, Guid LastEventId, DateTimeOffset UpdatedAt);
    public sealed record PersonView(Guid Id, string? Email, string? Phone, IReadOnlyDictionary<string, string> Attributes, string? Locale,
        string? TimeZone, string? Country, bool Business, string Regime, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        IReadOnlyList<ConsentStateView> Consents);
    public sealed record PatchPersonRequest(string? TimeZone, string? Locale, string? Country);

    public static RouteGroupBuilder MapPeopleAdmin(this RouteGroupBuilder admin)
    {
        var people = admin.MapGroup("/people").WithTags("Leads");
        people.MapGet("/", FindAsync).WithName("FindPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapPatch("/{id:guid}", PatchAsync).WithName("PatchPerson").RequireAuthorization(AccessPolicies.Marketing);
        return admin;
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> FindAsync(string? email, string? phone, MarketingDbContext db, CancellationToken ct)
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

        return person is null ? TypedResults.NotFound() : TypedResults.Ok(await ToViewAsync(db, person, ct));
    }

    private static async Task<Results<Ok<PersonView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, CancellationToken ct) =>
        await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } person
            ? TypedResults.Ok(await ToViewAsync(db, person, ct))
            : TypedResults.NotFound();

    /// <summary>Corrects what the widget guessed: the time zone (from the browser), the locale, the country and so the regime.</summary>
    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> PatchAsync(
        Guid id, PatchPersonRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
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

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        person.TimeZone = request?.TimeZone ?? person.TimeZone;
        person.Locale = request?.Locale ?? person.Locale;
        person.Country = request?.Country ?? person.Country;
        person.Regime = Regimes.Resolve(person.Country, person.Business);
        person.UpdatedAt = clock.GetUtcNow();
        person.RowVersion++;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "person.updated", id.ToString(),
            $"timeZone={person.TimeZone} locale={person.Locale} country={person.Country}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ToViewAsync(db, person, ct));
    }

    private static async Task<PersonView> ToViewAsync(MarketingDbContext db, Person p, CancellationToken ct)
    {
        var states = await (from s in db.ConsentStates.AsNoTracking()
                            join purpose in db.Purposes.AsNoTracking() on s.PurposeId equals purpose.Id
                            where s.PersonId == p.Id
                            select new ConsentStateView(purpose.Key, s.Channel, s.Status, s.LastEventId, s.UpdatedAt)).ToListAsync(ct);
        return new PersonView(p.Id, p.Email, p.Phone, p.Attributes, p.Locale, p.TimeZone, p.Country, p.Business, p.Regime, p.Source,
            p.CreatedAt, p.UpdatedAt, states);
    }
}
