using Marketing.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Hosting;

/// <summary>RFC 7807 bodies that name the field at fault, so a client can show the error beside it.</summary>
public static class Problems
{
    public const string InvalidTitle = "The request is not valid.";

    public static ValidationProblem Field(string field, string message) => Fields(new() { [field] = [message] });

    public static ValidationProblem Fields(Dictionary<string, string[]> errors, string? title = null) =>
        TypedResults.ValidationProblem(errors, title: title ?? InvalidTitle, extensions: CodesOf(errors));

    /// <summary>
    /// <c>codes</c>: each field's problems as their rule's stable code and parameters (docs/api-errors.md), for the
    /// fields a coded rule found; a client shows them in its own language.
    /// </summary>
    private static Dictionary<string, object?>? CodesOf(Dictionary<string, string[]> errors)
    {
        if (errors is not RuleErrors coded)
        {
            return null;
        }

        var codes = coded.Keys
            .Select(field => (field, problems: coded.CodedOf(field)))
            .Where(f => f.problems is not null)
            .ToDictionary(f => f.field, f => f.problems!.Select(p => new { code = p.Code, @params = p.Params }).ToArray());
        return codes.Count == 0 ? null : new Dictionary<string, object?> { ["codes"] = codes };
    }

    /// <summary>
    /// The same shape (<c>errors</c> naming the field) with another status: 413 for a body over a limit, 415 for a
    /// content type or coding the endpoint does not take, 409 for a conflict with a concurrent write.
    /// </summary>
    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = title,
        });

    public static ProblemHttpResult TooLarge(string field, string message) =>
        Field(StatusCodes.Status413PayloadTooLarge, "The request is too large.", field, message);

    public static ProblemHttpResult Unsupported(string field, string message) =>
        Field(StatusCodes.Status415UnsupportedMediaType, "The request's content type is not accepted here.", field, message);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "The request conflicts with a concurrent change.", detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A use case's field errors: a 400 naming each field, under the use case's title when it has one.</summary>
    public static ValidationProblem Invalid(Refusal.Invalid invalid) =>
        Fields(invalid.Errors, invalid.Title);

    /// <summary>A use case's refusal by the state of things: 409 with its title and detail.</summary>
    public static ProblemHttpResult Conflict(Refusal.Conflict conflict) =>
        TypedResults.Problem(title: conflict.Title, detail: conflict.Detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A use case's refusal of this caller: 403 with its title and detail.</summary>
    public static ProblemHttpResult Forbidden(Refusal.Forbidden forbidden) =>
        TypedResults.Problem(title: forbidden.Title, detail: forbidden.Detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>A refusal the endpoint does not map is a defect of the endpoint, not of the request.</summary>
    public static InvalidOperationException Unmapped(Refusal refusal) =>
        new($"{refusal.GetType().Name} is not mapped by this endpoint.");
}
