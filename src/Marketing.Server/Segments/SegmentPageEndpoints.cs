using Marketing.Common;
using Marketing.Data;
using Marketing.Segments;
using Marketing.Server.Access;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Segments;

/// <summary>
/// The segment editor's live count: the editor's form as it stands, counted by the same use case as the API's
/// preview-count (<see cref="CountSegment"/>). Marketing roles only, as the API; it stores nothing.
/// </summary>
public static class SegmentPageEndpoints
{
    public sealed record LiveCount(long? Count, string Text, IReadOnlyList<FieldError> Errors);

    public sealed record FieldError(string Field, string Message);

    public const string ListPath = "/people/segments";

    public static string EditorPath(string? key) => $"{ListPath}/{Uri.EscapeDataString(key ?? "new")}";

    public static IEndpointRouteBuilder MapSegmentPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(ListPath + "/{key}/count", LiveAsync).WithTags("Web").WithName("SegmentLiveCount")
            .RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription().AsFormPost();
        return app;
    }

    private static async Task<Ok<LiveCount>> LiveAsync(HttpRequest request, MarketingDbContext db, TimeProvider clock, UiLanguage language, CancellationToken ct)
    {
        var form = SegmentForm.Read(await request.ReadFormAsync(ct));
        var t = language.Pick(SegmentsTexts.English, SegmentsTexts.French);
        return TypedResults.Ok(Said(await CountSegment.HandleAsync(db, clock, form.Definition(), ct), form, t, language));
    }

    /// <summary>A count as the page says it: the number, or each rule's problem on its field in the reader's language.</summary>
    public static LiveCount Said(Outcome<long> outcome, SegmentForm form, SegmentsTexts t, UiLanguage language)
    {
        if (outcome.Refusal is Refusal.Invalid invalid)
        {
            return new LiveCount(null, t.CannotCount, [.. language.Say(invalid.Errors)
                .Select(e => new FieldError(SegmentForm.FieldId(e.Key), t.Problem(SegmentForm.LabelOf(e.Key, t, form.Rules), e.Value[0])))]);
        }

        return outcome.Refusal is null ? new LiveCount(outcome.Value, t.Counted(outcome.Value), []) : new LiveCount(null, t.CannotCount, []);
    }
}
