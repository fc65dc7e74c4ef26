using Marketing.Common;
using Marketing.Reports;
using Marketing.Server.Web.Forms;

namespace Marketing.Server.Reports;

/// <summary>The report pages' period: the Core rule's answer, its refusal shown on the field in the reader's language (400).</summary>
public static class ReportPeriods
{
    public static ReportRules.Period? Read(string? from, string? to, TimeProvider clock, FormErrors errors, ReportTexts texts, HttpContext http)
    {
        var outcome = ReportRules.ParsePeriod(from, to, clock.GetUtcNow());
        if (outcome.Refusal is not Refusal.Invalid invalid)
        {
            return outcome.Value;
        }

        foreach (var field in invalid.Errors.Keys)
        {
            errors.Add(field, field == "to" ? texts.ToError : texts.FromError);
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    public static ReportRules.Period Default(TimeProvider clock) => ReportRules.ParsePeriod(null, null, clock.GetUtcNow()).Value;
}
