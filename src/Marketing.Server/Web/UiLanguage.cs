using Marketing.Common;
using Microsoft.AspNetCore.Http.HttpResults;
namespace Marketing.Server.Web;

/// <summary>
/// The language of the app's pages for this request: the one the person chose (a cookie, set by the switch in every
/// page's header, a plain link), else the first of their browser's languages the app speaks, else English.
/// </summary>
public sealed class UiLanguage
{
    public const string English = "en";
    public const string French = "fr";
    public const string CookieName = "mk_lang";

    public static IReadOnlyList<string> All { get; } = [English, French];

    public string Code { get; private set; } = English;

    public bool IsFrench => Code == French;

    /// <summary>Picks this language's texts from a feature's texts class.</summary>
    public T Pick<T>(T english, T french) => IsFrench ? french : english;

    /// <summary>The rules' texts in this language.</summary>
    public RuleTexts RuleTexts => Pick(RuleTexts.English, RuleTexts.French);

    /// <summary>
    /// A use case's field errors in this language: a rule's coded problems from its feature's texts table, other
    /// messages as the use case wrote them.
    /// </summary>
    public Dictionary<string, string[]> Say(Dictionary<string, string[]> errors) => errors is RuleErrors coded ? coded.In(RuleTexts) : errors;

    /// <summary>What a rule's code without parameters says in this language.</summary>
    public string Rule(string code) => RuleTexts.Format(new RuleProblem(code, new Dictionary<string, string>()));

    internal void Resolve(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(CookieName, out var chosen) && All.Contains(chosen))
        {
            Code = chosen;
            return;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is not null && All.Contains(l));
        Code = accepted ?? English;
    }

    internal sealed class Middleware(RequestDelegate next)
    {
        public Task InvokeAsync(HttpContext context, UiLanguage language)
        {
            language.Resolve(context.Request);
            return next(context);
        }
    }
}

public static class LanguageSwitch
{
    public const string Path = "/language";

    /// <summary>
    /// <c>GET /language?set=fr&amp;return=/users</c>: remembers the choice for a year and goes back to the page, which must be
    /// one of the app's own (a path, never another site). A link, so that it works without script and from any page.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, RedirectHttpResult (string? set, string? @return, HttpContext context) =>
        {
            if (set is not null && UiLanguage.All.Contains(set))
            {
                context.Response.Cookies.Append(UiLanguage.CookieName, set, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = true,
                    SameSite = SameSiteMode.Strict,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                });
            }

            return TypedResults.Redirect(IsLocal(@return) ? @return! : "/");
        }).WithName("SwitchLanguage").WithTags("Web");

    /// <summary>A path of this site: one leading slash, not two, no backslash (browsers read <c>/\evil</c> as another host).</summary>
    public static bool IsLocal(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Contains('\\', StringComparison.Ordinal);

    /// <summary>The switch's link from <paramref name="request"/>'s page to <paramref name="language"/>.</summary>
    public static string Link(HttpRequest request, string language) =>
        $"{Path}?set={language}&return={Uri.EscapeDataString(request.Path + request.QueryString)}";
}
