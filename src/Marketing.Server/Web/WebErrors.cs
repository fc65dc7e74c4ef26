using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Web;

/// <summary>
/// The app's 403 and 404 as pages in the reader's language, for a browser's GET of an app address; a problem (JSON)
/// for anything else, as the API and its tests expect whatever they accept.
/// </summary>
public static class WebErrors
{
    /// <summary>Addresses that are not the app's: their errors stay problems.</summary>
    private static readonly string[] NotTheApp = ["/api", "/public", "/email", "/widgets", "/health", "/admin/jobs", "/_framework"];

    public static Task ForbiddenAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return IsGet(context.Request) ? PageAsync(context, StatusCodes.Status403Forbidden) : Task.CompletedTask;
    }

    /// <summary>Replaces the default status-code handler: a 404 page for a person, a problem for everyone else.</summary>
    public static async Task StatusCodePageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        if (code == StatusCodes.Status404NotFound && IsGet(context.Request) && WantsHtml(context.Request)
            && !NotTheApp.Any(prefix => context.Request.Path.StartsWithSegments(prefix)))
        {
            await PageAsync(context, code);
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = code } });
    }

    private static Task PageAsync(HttpContext context, int status)
    {
        WebSecurity.MarkPage(context);
        return new RazorComponentResult<App>(new { Status = status }) { StatusCode = status }.ExecuteAsync(context);
    }

    private static bool IsGet(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html"));
}
