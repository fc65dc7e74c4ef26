using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketing.Server.ApiDescription;

/// <summary>
/// The refusals a route may answer besides what its typed results declare, each as <c>application/problem+json</c>
/// with an example: 400 naming the field for any route that reads input (the input policy, ADR 7, checks every one),
/// 401 and 403 for every admin route (the key and its role and scopes), 404 for a route that names a resource, and
/// 409 for an admin write whose use case can refuse by the state of things.
/// </summary>
internal static class ProblemResponses
{
    private const string ProblemJson = "application/problem+json";

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var admin = ApiDescriptionSetup.IsAdmin(description.RelativePath);
        var readsInput = description.ParameterDescriptions.Count > 0;
        var namesResource = description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path);
        var write = description.HttpMethod is not ("GET" or "HEAD");
        var mayConflict = admin && write && ReturnsProblem(description);

        operation.Responses ??= [];
        if (readsInput)
        {
            await AddAsync(operation, context, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), "The request is not valid: `errors` names each field at fault.",
                ApiDescriptionSetup.Example(400, Hosting.Problems.InvalidTitle, errors: new() { ["name"] = ["is required"] }), ct);
        }

        if (admin)
        {
            await AddAsync(operation, context, StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), "No key, or a key that is unknown, revoked or expired.",
                ApiDescriptionSetup.Example(401, "An API key is required.", "Send it as 'Authorization: Bearer <key>' or in the X-Api-Key header."), ct);
            await AddAsync(operation, context, StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), "The key's role or scopes do not reach this route.",
                ApiDescriptionSetup.Example(403, "This key's role may not do this."), ct);
            operation.Security =
            [
                ApiDescriptionSetup.Requirement(context.Document, ApiDescriptionSetup.KeyHeaderScheme),
                ApiDescriptionSetup.Requirement(context.Document, ApiDescriptionSetup.BearerScheme),
            ];
        }

        if (namesResource)
        {
            await AddAsync(operation, context, StatusCodes.Status404NotFound, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), "Nothing is known by this name.",
                ApiDescriptionSetup.Example(404, "Not Found"), ct);
        }

        if (mayConflict)
        {
            await AddAsync(operation, context, StatusCodes.Status409Conflict, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), "Refused by the state of things (a concurrent change, a state that does not allow it).",
                ApiDescriptionSetup.Example(409, "The request conflicts with a concurrent change."), ct);
        }
    }

    /// <summary>A handler that answers a problem of its own choosing (ProblemHttpResult) besides its typed results.</summary>
    private static bool ReturnsProblem(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault() is { } handler
        && Unwrap(handler.ReturnType).Contains(typeof(ProblemHttpResult));

    private static Type[] Unwrap(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type.IsGenericType && type.Namespace == typeof(Results<,>).Namespace && type.Name.StartsWith("Results`", StringComparison.Ordinal)
            ? type.GetGenericArguments()
            : [type];
    }

    private static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, Type body, string description, System.Text.Json.Nodes.JsonNode example, CancellationToken ct)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var schema = await context.GetOrCreateSchemaAsync(body, null, ct);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            // A typed result (ValidationProblem, NotFound) declared the status: keep it, say what it means, show the body.
            declared.Description = description;
            declared.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!declared.Content.TryGetValue(ProblemJson, out var media))
            {
                declared.Content[ProblemJson] = media = new OpenApiMediaType { Schema = schema };
            }

            media.Schema ??= schema;
            media.Example ??= example;
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema, Example = example } },
        };
    }
}
