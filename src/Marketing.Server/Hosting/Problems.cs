using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Hosting;

/// <summary>RFC 7807 bodies that name the field at fault, so a client can show the error beside it.</summary>
public static class Problems
{
    public const string InvalidTitle = "The request is not valid.";

    public static ValidationProblem Field(string field, string message) => Fields(new() { [field] = [message] });

    public static ValidationProblem Fields(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle);

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
}
