using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Access;

namespace Marketing.Server.Jobs;

/// <summary>
/// The jobs dashboard against other sites. Its login is HTTP Basic, which a browser resends with a
/// form posted from any page; with antiforgery registered, Hangfire refuses every POST that lacks the token its own
/// pages carry (403). The dashboard is never framed, and each action, done or refused, is audited with its actor.
/// </summary>
public static class DashboardGuard
{
    public static IServiceCollection AddDashboardAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            // One token for the app's forms and the dashboard's, both behind the same sign-in.
            options.Cookie.Name = "mk_antiforgery";
            // Antiforgery refuses to issue an Always-secure cookie over plain http, the quickstart's http://localhost:5000;
            // behind https (or a trusted proxy that says so) the cookie is Secure.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // The guard below and the app's pages send DENY, stricter than antiforgery's SAMEORIGIN.
            options.SuppressXFrameOptionsHeader = true;
        });

    /// <summary>After authorisation, so that the actor is known; a request refused there is not the dashboard's to audit.</summary>
    public static IApplicationBuilder UseDashboardGuard(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(JobsSetup.DashboardPath), branch => branch.Use(async (context, next) =>
        {
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            await next(context);
            if (HttpMethods.IsPost(context.Request.Method) && ActionOf(context.Request.Path) is { } action)
            {
                await AuditAsync(context, action);
            }
        }));

    /// <summary>The action a POST asks for, e.g. <c>recurring_trigger</c>, with the job it names in the path; null for the statistics poll.</summary>
    private static (string Name, string? JobId)? ActionOf(PathString path)
    {
        var rest = path.Value![JobsSetup.DashboardPath.Length..].Trim('/');
        if (rest is "stats" or "")
        {
            return null;
        }

        // "jobs/actions/delete/{id}" names its job in the path; batch commands post "jobs[]".
        var parts = rest.Split('/', 4);
        return parts is ["jobs", "actions", var verb, var id]
            ? ($"jobs_actions_{verb}", id)
            : (string.Join('_', parts).Replace('-', '_'), null);
    }

    private static async Task AuditAsync(HttpContext context, (string Name, string? JobId) action)
    {
        var jobs = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(CancellationToken.None))["jobs[]"].Take(50).ToList() : [];
        if (action.JobId is { } named)
        {
            jobs.Insert(0, named);
        }

        var status = context.Response.StatusCode;
        var outcome = status < 400 ? "done" : "refused";
        var db = context.RequestServices.GetRequiredService<MarketingDbContext>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        await RecordAudit.HandleAsync(db, clock, context.User.Actor(), $"jobs_dashboard.{action.Name}",
            jobs.Count == 1 ? jobs[0] ?? "" : null, $"{outcome} ({status}) jobs={string.Join(',', jobs)}", CancellationToken.None);
    }
}
