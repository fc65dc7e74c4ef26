using System.Text.Json.Nodes;
using Marketing.Server.Access;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Marketing.Server.ApiDescription;

/// <summary>
/// The API described (ADR 18): one OpenAPI document of every admin and public route, built from each route's name,
/// tag and typed results, with the key's security schemes and the problems every route may answer; read with a key
/// or a web session, and shown as a reference page to anyone signed in to the web app.
/// </summary>
public static class ApiDescriptionSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";
    /// <summary>A key when the request presents one, else the web session: scripts and the reference page read one document.</summary>
    public const string ReaderScheme = "ApiOrSession";
    public const string ReaderPolicy = "api-description";
    public const string KeyHeaderScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    /// <summary>The web app's own routes (pages' posts, previews, downloads for a browser) are not the API.</summary>
    private const string WebTag = "Web";

    public static IServiceCollection AddApiDescription(this IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(ReaderScheme, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || context.Request.Headers.Authorization.Count > 0
                ? ApiKeyAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder().AddPolicy(ReaderPolicy, p => p
            .AddAuthenticationSchemes(ReaderScheme)
            .RequireAuthenticatedUser()
            // ADR 9: a session of a role that needs a second factor has proved one; a key is its own proof.
            .RequireAssertion(c => c.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || !SecondFactor.IsMissing(c.User)));

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => !description.ActionDescriptor.EndpointMetadata
                .OfType<ITagsMetadata>().Any(t => t.Tags.Contains(WebTag, StringComparer.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Marketing engine API",
                    Version = DocumentName,
                    Description = "The admin API (`/api/admin`, an API key's role and scopes decide) and the public API websites call " +
                        "(`/public`, the site's origin allow-list and a per-address rate limit). Every refusal is `application/problem+json`; " +
                        "a 400 names each field at fault in `errors` and, for coded rules, in `codes` (docs/api-errors.md).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[KeyHeaderScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An admin API key (`marketing keys create`); its role and scopes decide which routes it reaches.",
                };
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The same key as `Authorization: Bearer <key>`.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ProblemResponses.DescribeAsync);
        });
        return services;
    }

    public static WebApplication MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath.Replace(DocumentName, "{documentName}", StringComparison.Ordinal))
            .WithName("GetOpenApiDocument").WithTags("ApiDescription").RequireAuthorization(ReaderPolicy);
        app.MapScalarApiReference(ReferencePath, (options, _) => ApiReference.Configure(options))
            // Any signed-in role reads it (ADR 18): it describes routes, shows no data, and a key still decides each call.
            .RequireAuthorization(WebPolicies.SignedIn)
            // The page and its scripts are the web app's, each named for ADR 10's route rules.
            .WithTags(WebTag)
            .Add(endpoint =>
            {
                if (endpoint is RouteEndpointBuilder route)
                {
                    endpoint.Metadata.Add(new EndpointNameMetadata(ApiReference.NameOf(route.RoutePattern.RawText)));
                }
            });
        return app;
    }

    /// <summary>Admin routes take a key; public routes take none (a site's origin and the rate limit guard them).</summary>
    internal static bool IsAdmin(string? relativePath) => relativePath?.StartsWith("api/admin", StringComparison.Ordinal) == true;

    internal static JsonNode Example(int status, string title, string? detail = null, Dictionary<string, string[]>? errors = null)
    {
        var problem = new JsonObject
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{status % 100 + 1}",
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null)
        {
            problem["detail"] = detail;
        }

        if (errors is not null)
        {
            problem["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray(e.Value.Select(v => (JsonNode?)v).ToArray()))));
        }

        return problem;
    }

    internal static OpenApiSecurityRequirement Requirement(OpenApiDocument? document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
