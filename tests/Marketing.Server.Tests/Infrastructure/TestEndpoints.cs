using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Endpoints that exist only in tests, added after the engine's own middleware so that its
/// exception handler and public body limit apply to them exactly as to real endpoints.
/// </summary>
public sealed class TestEndpoints : IStartupFilter
{
    public const string Throw = "/test-only/throw";
    public const string PublicEcho = "/public/test-only/echo";
    /// <summary>The in-memory test server has no client address; this header plays the browser's.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
        app.Map(Throw, branch => branch.Run(_ =>
            throw new InvalidOperationException("SELECT secret FROM internals -- must never reach a response")));
        app.Map(PublicEcho, branch => branch.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            await context.Response.WriteAsync($"read {body.Length} characters", context.RequestAborted);
        }));
    };
}
