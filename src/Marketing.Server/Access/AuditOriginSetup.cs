using System.Security.Claims;
using Marketing.Access;

namespace Marketing.Server.Access;

/// <summary>
/// Each request's audit origin (R49): the role of the signed-in user or API key and the client's address (after the
/// trusted proxies' forwarding headers), read when an entry is made, so no endpoint or page passes them by hand.
/// </summary>
public static class AuditOriginSetup
{
    public const string UnknownAddress = "unknown";

    public static IApplicationBuilder UseAuditOrigin(this IApplicationBuilder app) =>
        // Async, so that the origin set here ends with the request instead of staying on the connection's flow.
        app.Use(async (context, next) =>
        {
            AuditOrigin.Use(() => Of(context));
            await next(context);
        });

    public static AuditOrigin Of(HttpContext context) => new(
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.Role) ?? AuditOrigin.PublicRole : AuditOrigin.PublicRole,
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : UnknownAddress);
}
