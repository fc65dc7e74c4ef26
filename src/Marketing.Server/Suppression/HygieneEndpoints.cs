using System.Security.Claims;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Channels.Email;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Suppression;

/// <summary>
/// The complaint-rate guard for the admin API (R69): each sending domain's rate over the last 24 hours and per
/// day, whether its marketing mail is paused, and the acknowledgement that lets it go again.
/// </summary>
public static class HygieneEndpoints
{
    public sealed record RateView(int Sent, int Complaints, double Rate);
    public sealed record DayView(DateOnly Day, int Sent, int Complaints, double Rate);
    public sealed record PauseView(Guid Id, DateTimeOffset PausedAt, int Sent, int Complaints, double Rate,
        DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? Note);
    public sealed record DomainView(string Domain, string State, RateView Last24Hours, PauseView? Pause, IReadOnlyList<DayView> Days);
    public sealed record RulesView(double WarnRate, double PauseRate, int MinimumVolume, int SoftBounceLimit, int SoftBounceWindowDays);
    public sealed record Report(RulesView Rules, IReadOnlyList<DomainView> Domains);
    public sealed record AcknowledgeRequest(string? Domain, string? Note);
    public sealed record Acknowledged(PauseView Pause, int Released);

    public static RouteGroupBuilder MapHygieneAdmin(this RouteGroupBuilder admin)
    {
        var guard = admin.MapGroup("/email/complaint-rate").WithTags("Suppression");
        guard.MapGet("/", ReportAsync).WithName("GetComplaintRates").RequireAuthorization(AccessPolicies.Marketing);
        guard.MapPost("/acknowledge", AcknowledgeAsync).WithName("AcknowledgeComplaintPause").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    private static async Task<Results<Ok<Report>, ValidationProblem>> ReportAsync(int? days, MarketingDbContext db, ListHygiene hygiene, TimeProvider clock, CancellationToken ct)
    {
        if (days is < 1 or > 90)
        {
            return Problems.Field("days", "must be between 1 and 90");
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var domains = new List<DomainView>();
        foreach (var domain in hygiene.Domains)
        {
            var current = await hygiene.CurrentRateAsync(db, domain, now, ct);
            var pause = await ListHygiene.ActivePauseAsync(db, domain, ct);
            var perDay = new List<DayView>();
            for (var day = today.AddDays(1 - (days ?? 14)); day <= today; day = day.AddDays(1))
            {
                var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var rate = await hygiene.RateAsync(db, domain, from, from.AddDays(1), ct);
                perDay.Add(new DayView(day, rate.Sent, rate.Complaints, rate.Rate));
            }

            var state = pause is not null ? "paused"
                : current.Sent < hygiene.Rules.MinimumVolume ? "low_volume"
                : current.Rate >= hygiene.Rules.WarnRate ? "warning"
                : "ok";
            domains.Add(new DomainView(domain, state, new RateView(current.Sent, current.Complaints, current.Rate), pause is null ? null : ToView(pause), perDay));
        }

        var r = hygiene.Rules;
        return TypedResults.Ok(new Report(new RulesView(r.WarnRate, r.PauseRate, r.MinimumVolume, r.SoftBounceLimit, (int)r.SoftBounceWindow.TotalDays), domains));
    }

    private static async Task<Results<Ok<Acknowledged>, ProblemHttpResult, ValidationProblem>> AcknowledgeAsync(AcknowledgeRequest? request, MarketingDbContext db,
        ListHygiene hygiene, EmailDispatchSignal dispatch, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var domain = request?.Domain?.Trim().ToLowerInvariant() ?? hygiene.MarketingDomain;
        if (!hygiene.Domains.Contains(domain))
        {
            return Problems.Field("domain", $"is not a sending domain of this engine ({string.Join(", ", hygiene.Domains)})");
        }

        if (string.IsNullOrWhiteSpace(request?.Note) || request.Note.Length > 500)
        {
            return Problems.Field("note", "say, in at most 500 characters, what was found and done about the complaints; it goes to the audit log");
        }

        if (await ListHygiene.AcknowledgeAsync(db, domain, user.Actor(), request.Note.Trim(), clock, ct) is not { } done)
        {
            return TypedResults.Problem(title: "Nothing to acknowledge.", detail: $"Marketing email from {domain} is not paused.",
                statusCode: StatusCodes.Status409Conflict);
        }

        dispatch.Notify();
        return TypedResults.Ok(new Acknowledged(ToView(done.Pause), done.Released));
    }

    private static PauseView ToView(SendingPause p) =>
        new(p.Id, p.PausedAt, p.Sent, p.Complaints, p.ComplaintRate, p.AcknowledgedAt, p.AcknowledgedBy, p.AcknowledgementNote);
}
