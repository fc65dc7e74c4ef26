using System.Net;
using Hangfire;
using Hangfire.Storage;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Jobs;

public static class Dashboards
{
    /// <summary>An admin signed in to the web app (with their second factor), as the dashboard now asks.</summary>
    public static async Task<WebSession> AdminAsync(MarketingApp app, string? email = null) =>
        await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Admin, email: email));

    /// <summary>The header and token the dashboard's own pages carry for their actions.</summary>
    public static (string Header, string Token) AntiforgeryOf(string page)
    {
        var header = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\">");
        var token = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\">");
        Assert.True(header.Success && token.Success, "the dashboard page carries no antiforgery token");
        return (header.Groups[1].Value, System.Net.WebUtility.HtmlDecode(token.Groups[1].Value));
    }
}

/// <summary>
/// The jobs dashboard against cross-site requests, behind the web app's sign-in: a browser sends the session with a
/// form posted from elsewhere only where SameSite allows, and every action still needs the antiforgery token the
/// dashboard's own pages carry; each is audited with the signed-in user.
/// </summary>
public abstract class DashboardFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    public static TheoryData<string> Actions => new() { "/recurring/trigger", "/recurring/remove", "/jobs/scheduled/delete", "/jobs/scheduled/enqueue" };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task PostFromAnotherSite_WithoutTheToken_ChangesNoJob(string action)
    {
        var (recurringId, scheduledId) = Probes();
        var before = Snapshot(recurringId, scheduledId);
        using var session = await Dashboards.AdminAsync(app);
        var browser = session.Client;
        (await browser.GetAsync("/admin/jobs/recurring")).EnsureSuccessStatusCode();
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/admin/jobs{action}")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", action.StartsWith("/recurring", StringComparison.Ordinal) ? recurringId : scheduledId)]),
        };
        forged.Headers.Add("Origin", "https://evil.example");

        var response = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, Snapshot(recurringId, scheduledId));
    }

    [Fact]
    public async Task SingleJobActions_WithoutTheToken_AreRefusedToo()
    {
        var (_, scheduledId) = Probes();
        using var session = await Dashboards.AdminAsync(app);
        var browser = session.Client;

        var delete = await browser.PostAsync($"/admin/jobs/jobs/actions/delete/{scheduledId}", null);
        var requeue = await browser.PostAsync($"/admin/jobs/jobs/actions/requeue/{scheduledId}", null);

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, requeue.StatusCode);
        Assert.Equal("Scheduled", State(scheduledId));
    }

    [Fact]
    public async Task ActionFromTheDashboardsOwnPage_Works_AndIsAuditedWithItsActor()
    {
        var (recurringId, _) = Probes();
        var email = $"dashboard-user.{Guid.NewGuid():N}@staff.example";
        using var session = await Dashboards.AdminAsync(app, email);
        var browser = session.Client;
        var page = await (await browser.GetAsync("/admin/jobs/recurring")).Content.ReadAsStringAsync();
        var (header, token) = Dashboards.AntiforgeryOf(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", recurringId)]),
        };
        post.Headers.Add(header, token);

        var response = await browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.True(connection.GetRecurringJobs([recurringId]).Single().Removed);
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Action == "jobs_dashboard.recurring_remove").ToList()), a => a.Detail!.Contains(recurringId, StringComparison.Ordinal));
        Assert.Equal($"user:{email}", audit.Actor);
    }

    [Fact]
    public async Task RefusedCrossSitePost_IsAuditedToo()
    {
        var (recurringId, _) = Probes();
        var email = $"victim.{Guid.NewGuid():N}@staff.example";
        using var session = await Dashboards.AdminAsync(app, email);

        await session.Client.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", recurringId)]));

        var audit = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Action == "jobs_dashboard.recurring_trigger" && a.Actor == $"user:{email}").ToList()));
        Assert.StartsWith("refused", audit.Detail, StringComparison.Ordinal);
    }

    /// <summary>A recurring job that never fires by itself and a job scheduled far ahead: only a dashboard action can change either.</summary>
    private (string Recurring, string Scheduled) Probes()
    {
        var recurringId = $"csrf-probe-{Guid.NewGuid():N}";
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate(recurringId, () => Console.WriteLine("probe"), Cron.Never());
        var scheduledId = app.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("probe"), TimeSpan.FromDays(30));
        return (recurringId, scheduledId);
    }

    private string Snapshot(string recurringId, string scheduledId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs([recurringId]).Single();
        return $"{recurring.Removed}|{recurring.LastJobId}|{recurring.LastExecution:O}|{State(scheduledId)}";
    }

    private string? State(string jobId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

}

public sealed class DashboardFacts_OnSqlite(SqliteApp app) : DashboardFacts<SqliteApp>(app);

public sealed class DashboardFacts_OnPostgres(PostgresApp app) : DashboardFacts<PostgresApp>(app);
