using System.Security.Claims;
using Marketing.Server.ApiDescription;
using Marketing.Server.Jobs;

namespace Marketing.Server.Web;

/// <summary>
/// The app's sections, in the order the navigation lists them; each shows only to the roles its policy admits. A new
/// page of the app adds its line here (sections not built yet are not listed).
/// </summary>
public static class Navigation
{
    public sealed record Item(string Path, Func<ShellTexts, string> Text, string Policy);

    public static IReadOnlyList<Item> Items { get; } =
    [
        new("/", t => t.Home, WebPolicies.SignedIn),
        new("/people", t => t.People, WebPolicies.SignedIn),
        new("/people/imports", t => t.Imports, WebPolicies.Marketing),
        new("/people/segments", t => t.Segments, WebPolicies.Marketing),
        new("/sites", t => t.Sites, WebPolicies.Marketing),
        new("/banners", t => t.Banners, WebPolicies.Marketing),
        new("/purposes", t => t.Purposes, WebPolicies.SignedIn),
        new("/templates", t => t.Templates, WebPolicies.SignedIn),
        new("/sequences", t => t.Sequences, WebPolicies.SignedIn),
        new("/campaigns/broadcasts", t => t.Broadcasts, WebPolicies.Marketing),
        new("/sends", t => t.Sends, WebPolicies.SignedIn),
        new("/reports", t => t.Reports, WebPolicies.Marketing),
        new("/suppression", t => t.Suppression, WebPolicies.Compliance),
        new("/compliance", t => t.Compliance, WebPolicies.Compliance),
        new("/dsr", t => t.Requests, WebPolicies.Compliance),
        new("/compliance/processors", t => t.Processors, WebPolicies.Compliance),
        new("/compliance/register", t => t.Register, WebPolicies.Compliance),
        new("/compliance/incidents", t => t.Incidents, WebPolicies.Compliance),
        new("/settings/users", t => t.Users, WebPolicies.Admin),
        new("/settings/api-keys", t => t.ApiKeys, WebPolicies.Admin),
        new("/settings/domains", t => t.Domains, WebPolicies.Admin),
        new("/settings/channels", t => t.Channels, WebPolicies.Admin),
        new("/settings/webhooks", t => t.Webhooks, WebPolicies.Admin),
        new(JobsSetup.DashboardPath, t => t.Jobs, WebPolicies.Admin),
        new(ApiDescriptionSetup.ReferencePath, t => t.ApiReference, WebPolicies.SignedIn),
        new(WebSetup.EnrolPath, t => t.Security, WebPolicies.Enrolling),
    ];

    public static IEnumerable<Item> For(ClaimsPrincipal user) => Items.Where(i => user.Allows(i.Policy));

    public static bool IsCurrent(Item item, PathString path) =>
        item.Path == "/" ? path == "/" : path.StartsWithSegments(item.Path)
            // A section inside another (People → Imports) is the current one on its own pages.
            && !Items.Any(inner => inner.Path.StartsWith(item.Path + "/", StringComparison.Ordinal) && path.StartsWithSegments(inner.Path));
}
