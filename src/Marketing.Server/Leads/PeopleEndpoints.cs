using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Sending;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

public static class PeopleEndpoints
{
    public sealed record ConsentStateView(string Purpose, string Channel, string Status, Guid LastEventId, DateTimeOffset UpdatedAt);
    public sealed record PersonView(Guid Id, string? Email, string? Phone, IReadOnlyDictionary<string, string> Attributes, string? Locale,
        string? TimeZone, string? Country, bool Business, string Regime, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        IReadOnlyList<ConsentStateView> Consents, bool LegalPersonAddress, IReadOnlyList<PurchaseView> Purchases, RestrictedView? Restricted,
        DateTimeOffset? RetentionExpiringAt = null, string? ExternalId = null, DateTimeOffset? CollectedIndirectlyAt = null, DateTimeOffset? Art14InformedAt = null);
    /// <summary>A person saved through the contact API, with what the call recorded (R55).</summary>
    /// <param name="Recorded">Purposes whose basis the call appended to the ledger, <c>purpose:channel</c>.</param>
    /// <param name="WithoutBasis">Purposes named without a basis: nothing recorded, no marketing for them.</param>
    public sealed record SavedContactView(PersonView Person, IReadOnlyList<string> Recorded, IReadOnlyList<string> WithoutBasis);

    /// <summary>Present while the person's processing is restricted (R39).</summary>
    public sealed record RestrictedView(DateTimeOffset Since, string? Reason, string? By);
    public sealed record PurchaseView(Guid Id, string Reference, string Category, DateTimeOffset OrderedAt, bool OptOutOffered, bool RefusedMarketing,
        DateTimeOffset RecordedAt, string Source);

    public static RouteGroupBuilder MapPeopleAdmin(this RouteGroupBuilder admin)
    {
        var people = admin.MapGroup("/people").WithTags("Leads");
        people.MapPost("/", SaveContactAsync).WithName("SaveContact").RequireAuthorization(AccessPolicies.Marketing);
        people.MapGet("/", FindAsync).WithName("FindPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").RequireAuthorization(AccessPolicies.AnyKey);
        people.MapPatch("/{id:guid}", PatchAsync).WithName("PatchPerson").RequireAuthorization(AccessPolicies.Marketing);
        people.MapPost("/{id:guid}/purchases", AddPurchaseAsync).WithName("AddPurchase").RequireAuthorization(AccessPolicies.Marketing);
        return admin;
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> FindAsync(string? email, string? phone, MarketingDbContext db, ProspectingRules rules,
        TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
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

        return person is null ? TypedResults.NotFound() : TypedResults.Ok(await ReadAsync(db, rules, clock, user, person, "api", ct));
    }

    private static async Task<Results<Ok<PersonView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, ProspectingRules rules, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } person
            ? TypedResults.Ok(await ReadAsync(db, rules, clock, user, person, "api", ct))
            : TypedResults.NotFound();

    /// <summary>R49: a person's record shown to anyone is a read in the audit log, with the reader, role and address.</summary>
    private static async Task<PersonView> ReadAsync(MarketingDbContext db, ProspectingRules rules, TimeProvider clock, ClaimsPrincipal user, Person person, string via, CancellationToken ct)
    {
        // R39: a restricted person's data is read by the DPO alone; others see that they are restricted.
        var view = RestrictedReads.MayRead(person.RestrictedAt is not null, user.IsInRole(Marketing.Access.ApiKeyRoles.Dpo))
            ? await ToViewAsync(db, rules, person, ct)
            : ToView(RestrictedReads.Conceal(person), rules, [], []);
        await Marketing.Access.RecordAudit.PersonReadAsync(db, clock, user.Actor(), person.Id, via, ct);
        return view;
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ValidationProblem>> PatchAsync(
        Guid id, CorrectPerson.Command? request, MarketingDbContext db, ProspectingRules rules, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await CorrectPerson.HandleAsync(db, clock, id, request ?? new CorrectPerson.Command(null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Ok(await ToViewAsync(db, rules, outcome.Value, ct)),
        };
    }

    /// <summary>Creates or updates the person the body's external id names (R55): 201 the first time, 200 after.</summary>
    private static async Task<Results<Created<SavedContactView>, Ok<SavedContactView>, ValidationProblem, ProblemHttpResult>> SaveContactAsync(
        SaveContact.Command? request, MarketingDbContext db, ProspectingRules rules, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveContact.HandleAsync(db, clock, request ?? new SaveContact.Command(null), user.Actor(), ct);
        if (outcome.Refusal is { } refusal)
        {
            return refusal switch
            {
                Refusal.Invalid invalid => Problems.Invalid(invalid),
                Refusal.Conflict conflict => Problems.Conflict(conflict),
                _ => throw Problems.Unmapped(refusal),
            };
        }

        var saved = outcome.Value;
        var view = new SavedContactView(await ToViewAsync(db, rules, saved.Person, ct), saved.Recorded, saved.WithoutBasis);
        return saved.IsNew ? TypedResults.Created($"/api/admin/people/{saved.Person.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Created<PurchaseView>, Ok<PurchaseView>, NotFound, ValidationProblem>> AddPurchaseAsync(
        Guid id, RecordPurchase.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RecordPurchase.HandleAsync(db, clock, id, request ?? new RecordPurchase.Command(null, null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.IsNew => TypedResults.Created($"/api/admin/people/{id}", ToView(outcome.Value.Purchase)),
            _ => TypedResults.Ok(ToView(outcome.Value.Purchase)),
        };
    }

    private static PurchaseView ToView(Purchase p) => new(p.Id, p.Reference, p.Category, p.OrderedAt, p.OptOutOffered, p.RefusedMarketing, p.RecordedAt, p.Source);

    private static async Task<PersonView> ToViewAsync(MarketingDbContext db, ProspectingRules rules, Person p, CancellationToken ct)
    {
        var states = await (from s in db.ConsentStates.AsNoTracking()
                            join purpose in db.Purposes.AsNoTracking() on s.PurposeId equals purpose.Id
                            where s.PersonId == p.Id
                            select new ConsentStateView(purpose.Key, s.Channel, s.Status, s.LastEventId, s.UpdatedAt)).ToListAsync(ct);
        var purchases = await db.Purchases.AsNoTracking().Where(x => x.PersonId == p.Id).OrderBy(x => x.OrderedAt).ToListAsync(ct);
        return ToView(p, rules, states, purchases);
    }

    private static PersonView ToView(Person p, ProspectingRules rules, List<ConsentStateView> states, List<Purchase> purchases) =>
        new PersonView(p.Id, p.Email, p.Phone, p.Attributes, p.Locale, p.TimeZone, p.Country, p.Business, p.Regime, p.Source,
            p.CreatedAt, p.UpdatedAt, states, rules.IsLegalPersonAddress(p.Email), [.. purchases.Select(ToView)],
            p.RestrictedAt is { } since ? new RestrictedView(since, p.RestrictionReason, p.RestrictedBy) : null, p.RetentionExpiringAt,
            p.ExternalId, p.CollectedIndirectlyAt, p.Art14InformedAt);
}
