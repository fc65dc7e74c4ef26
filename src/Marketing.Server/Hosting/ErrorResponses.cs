using System.Text.Json;
using Marketing.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketing.Server.Hosting;

/// <summary>
/// Every error is answered with a problem: whatever the request's Accept header says, and whatever exception
/// escapes an endpoint. Bad input that slips past the input policy still gets a 4xx naming what is wrong,
/// never a 500 (invariant 6); only a fault of the engine itself is a 500.
/// </summary>
public static class ErrorResponses
{
    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // After the default writer, which declines when Accept names no JSON type (text/html alone): a 401 for a
        // browser, or a 429 for a script, must still carry its problem, not fail into a bodiless 500.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<BadInputExceptionHandler>();
        // A body that cannot be bound reaches the handler with the JSON path of the field at fault.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }

    /// <summary>The form reader's limits (1,024 values, keys of 2,048 characters, …) are 413; anything else unreadable, 400.</summary>
    public static IResult FormProblem(InvalidDataException e) =>
        e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
            ? Problems.TooLarge("body", e.Message)
            : Problems.Field("body", $"is not a readable form: {e.Message}");

    /// <summary>Writes application/problem+json for any Accept header; registered last, so used only when no other writer will.</summary>
    private sealed class ProblemJsonFallbackWriter : IProblemDetailsWriter
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), Json, "application/problem+json", http.RequestAborted));
        }
    }

    /// <summary>Maps the exceptions that mean "the request was wrong" (or "lost a race") to their 4xx.</summary>
    private sealed class BadInputExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (http.Response.HasStarted || Map(exception) is not { } result)
            {
                return false;
            }

            await result.ExecuteAsync(http);
            return true;
        }

        internal static IResult? Map(Exception exception) => exception switch
        {
            // Kestrel's own refusals (a chunked body past the limit: 413; a body that ends early: 400) keep their status;
            // a body minimal APIs could not bind names the JSON path of the field.
            BadHttpRequestException { InnerException: JsonException json } => Problems.Field(FieldOf(json), $"is not valid here: {FirstSentence(json.Message)}"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Problems.TooLarge("body", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } e => Problems.Unsupported("Content-Type", e.Message),
            BadHttpRequestException { StatusCode: >= 400 and < 500 } e => Problems.Field(e.StatusCode, Problems.InvalidTitle, "body", e.Message),
            InvalidDataException form => FormProblem(form),
            UnstorableTextException text => Problems.Field(text.Field, text.Message),
            DbUpdateConcurrencyException => Problems.Conflict("What this request changes was changed by another request at the same time: read it again and retry."),
            _ when BulkInsert.IsUniqueViolation(exception) =>
                Problems.Conflict("Another request created the same thing at the same time; one of the two was kept. Read it again before retrying."),
            _ when DataException(exception) is { SqlState: PostgresErrorCodes.ProgramLimitExceeded } pg => Problems.TooLarge(pg.ColumnName ?? "body", $"cannot be stored: {pg.MessageText}"),
            _ when DataException(exception) is { } pg => Problems.Field(pg.ColumnName ?? "body", $"cannot be stored: {pg.MessageText}"),
            _ => null,
        };

        /// <summary>
        /// The PostgreSQL errors only a value from outside can cause: a NUL or a byte sequence invalid in UTF-8, a value
        /// too long for its column, an index entry too large. Other data errors would be the engine's own fault: 500.
        /// </summary>
        private static PostgresException? DataException(Exception e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is PostgresException
                    {
                        SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
                            or PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.ProgramLimitExceeded,
                    } pg)
                {
                    return pg;
                }
            }

            return null;
        }

        private static string FieldOf(JsonException e) => e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : e.Path is { Length: > 1 } other && other.StartsWith('$') ? other[1..] : "body";

        private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
    }
}
