using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Hosting;

/// <summary>RFC 7807 bodies that name the field at fault, so a client can show the error beside it.</summary>
public static class Problems
{
    public const string InvalidTitle = "The request is not valid.";

    public static ValidationProblem Field(string field, string message) => Fields(new() { [field] = [message] });

    public static ValidationProblem Fields(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle);
}
