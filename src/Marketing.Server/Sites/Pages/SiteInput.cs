using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Web;
using Marketing.Server.Web.Forms;
using Marketing.Sites;

namespace Marketing.Server.Sites.Pages;

/// <summary>A site as its form posts it: the origins one per line.</summary>
public sealed class SiteInput
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Origins { get; set; }

    public static SiteInput From(Site site) => new() { Id = site.Id, Name = site.Name, Origins = string.Join('\n', site.Origins) };

    /// <summary>
    /// Saves through <see cref="SaveSite"/>, as <c>PUT /api/admin/sites/{id}</c> does, and under the same rule: an admin's
    /// action (the pages' <see cref="PostPolicyAttribute"/> answers anyone else 403 before this runs). Its problems go on the inputs named <paramref name="prefix"/>-…,
    /// and the answer is a 400. The saved site, or null.
    /// </summary>
    public static async Task<Site?> SaveAsync(HttpContext http, SiteInput input, MarketingDbContext db, TimeProvider clock, FormErrors errors, string prefix, SitesTexts t)
    {
        var origins = (input.Origins ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(o => (string?)o).ToList();
        var outcome = await SaveSite.HandleAsync(db, clock, input.Id ?? "", new SaveSite.Command(input.Name, origins), http.User.Actor(), http.RequestAborted);
        if (outcome.Refusal is Refusal.Invalid invalid)
        {
            foreach (var (field, messages) in http.RequestServices.GetRequiredService<UiLanguage>().Say(invalid.Errors))
            {
                var (id, label) = field switch
                {
                    "id" => ("id", t.SiteId),
                    "name" => ("name", t.SiteName),
                    _ => ("origins", t.Origins),
                };
                var line = field.StartsWith("origins[", StringComparison.Ordinal) ? $" ({origins[int.Parse(field[8..^1], System.Globalization.CultureInfo.InvariantCulture)]})" : "";
                errors.Add($"{prefix}-{id}", t.Problem(label, string.Join(" ", messages) + line));
            }

            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        return outcome.Value.Site;
    }
}
