using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Marketing.Server.Access;

/// <summary>
/// Reads a key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>. Browsers do not send keys: people sign in to the
/// web app (the jobs dashboard included), whose session a key's policy never reads.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService problems,
    MarketingDbContext db,
    GuessLimits guesses,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadPresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var checkedKey = await AuthenticateApiKey.HandleAsync(db, clock, presented, Context.RequestAborted);
        if (checkedKey.Key is not { } key)
        {
            if (checkedKey.Guess)
            {
                guesses.AdminKeys.Failed(Context);
            }

            // The refusal names why: unknown or revoked, or expired (R48).
            return AuthenticateResult.Fail(checkedKey.Refusal ?? AuthenticateApiKey.Unknown);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, key.Role.ToName()),
                .. key.Scopes.Select(s => new Claim(KeyScopeRequirement.ClaimType, s)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await WriteProblemAsync(failure is null ? "An API key is required." : "The API key was refused.",
            failure ?? "Send it as 'Authorization: Bearer <key>' or in the X-Api-Key header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        // A key's scopes are checked with its role: the problem says which of the two refused (R48).
        KeyScopeRequirement.Refusal(Context.User, Context.GetEndpoint()) is { } scope
            ? ForbidAsync("This key is not scoped for this resource.", scope)
            : ForbidAsync("This key's role may not do this.", null);

    private Task ForbidAsync(string title, string? detail)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(title, detail);
    }

    private async Task WriteProblemAsync(string title, string? detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        });

    private static string? ReadPresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization) || authorization.Parameter is null)
        {
            return null;
        }

        return authorization.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? authorization.Parameter.Trim() : null;
    }
}
