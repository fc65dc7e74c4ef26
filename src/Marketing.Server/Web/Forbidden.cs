using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Web;

/// <summary>The app's 403: a page in the reader's language for a browser's GET, a problem otherwise.</summary>
public static class Forbidden
{
    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        WebSecurity.MarkPage(context);
        return new RazorComponentResult<App>(new { Status = StatusCodes.Status403Forbidden }) { StatusCode = StatusCodes.Status403Forbidden }
            .ExecuteAsync(context);
    }
}
