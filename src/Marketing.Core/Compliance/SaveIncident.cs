using System.Globalization;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Records a new incident in the breach register, or changes one (R50, art. 33(5)): the facts, the scope, the effects,
/// the measures and the notification decision. Nothing is ever removed from the register; every change is audited.
/// </summary>
public static class SaveIncident
{
    public sealed record Saved(Incident Incident, bool Created);

    /// <param name="id">Null to record a new incident.</param>
    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid? id, IncidentInput input, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var incident = id is { } existing ? await db.Incidents.SingleOrDefaultAsync(i => i.Id == existing, ct) : null;
        if (id is not null && incident is null)
        {
            return new Refusal.NotFound();
        }

        var errors = IncidentRules.Validate(input, now);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var created = incident is null;
        incident ??= new Incident { Id = Guid.CreateVersion7(), Title = "", Description = "", CreatedBy = actor, CreatedAt = now };
        incident.Title = input.Title!.Trim();
        incident.Description = input.Description!.Trim();
        incident.AwareAt = input.AwareAt!.Value.ToUniversalTime();
        incident.ScopeKind = input.ScopeKind;
        incident.ScopeKey = input.ScopeKind == IncidentScopes.Window ? null : input.ScopeKey?.Trim();
        incident.ScopeFrom = input.ScopeKind is null ? null : input.ScopeFrom?.ToUniversalTime();
        incident.ScopeTo = input.ScopeKind is null ? null : input.ScopeTo?.ToUniversalTime();
        incident.DataCategories = Clean(input.DataCategories);
        incident.SubjectCategories = Clean(input.SubjectCategories);
        incident.LikelyConsequences = Blank(input.LikelyConsequences);
        incident.MeasuresTaken = Blank(input.MeasuresTaken);
        incident.HighRisk = input.HighRisk == true;
        incident.NotifiedAt = input.NotifiedAt?.ToUniversalTime();
        incident.AuthorityReference = Blank(input.AuthorityReference);
        incident.LateReason = Blank(input.LateReason);
        incident.NotRequiredReason = Blank(input.NotRequiredReason);
        incident.SubjectsInformedAt = input.SubjectsInformedAt?.ToUniversalTime();
        incident.UpdatedAt = now;
        if (created)
        {
            db.Incidents.Add(incident);
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "incident.recorded" : "incident.changed", incident.Id.ToString(), Summary(incident, now), "incident"));
        await db.SaveChangesAsync(ct);
        return new Saved(incident, created);
    }

    /// <summary>The incident in one line, for the audit log: what a reader needs to follow the decision over time.</summary>
    public static string Summary(Incident i, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"{i.Title}; aware={i.AwareAt:O}; scope={i.ScopeKind ?? "none"}:{i.ScopeKey}:{i.ScopeFrom:O}..{i.ScopeTo:O}; highRisk={i.HighRisk}; "
        + $"state={IncidentRules.Code(IncidentRules.State(i, now))}; notified={i.NotifiedAt:O}; notRequired={i.NotRequiredReason}; informed={i.SubjectsInformedAt:O}");

    private static List<string> Clean(List<string>? items) => [.. (items ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
