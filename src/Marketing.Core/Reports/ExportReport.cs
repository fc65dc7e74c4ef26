using System.Globalization;
using System.Text;
using Marketing.Compliance;

namespace Marketing.Reports;

/// <summary>
/// Each report as a CSV file, written by <see cref="CsvFiles"/> so that a name a marketer typed (a sequence's, a
/// purpose's) never runs as a formula in a spreadsheet. Reports are counts, a few hundred rows at most: written whole.
/// </summary>
public static class ExportReport
{
    public static string Sequence(ReadSequenceReport.Report report) => Write(
        ["sequence", "name", "version", "step", "type", "sent", "delivered", "bounced", "complaints", "unsubscribes",
            "clicks_per_person", "clicks_aggregate", "opens", "goals_reached", "delivery_rate", "click_rate"],
        report.Steps.Select(s => new object?[]
        {
            report.Key, report.Name, report.Version, s.StepId, s.Type, s.Figures.Sent, s.Figures.Delivered, s.Figures.Bounced, s.Figures.Complaints,
            s.Figures.Unsubscribes, s.Figures.PersonClicks, s.Figures.AggregateClicks, s.Figures.Opens, s.GoalReached,
            ReportRules.Format(s.Figures.DeliveryRate), ReportRules.Format(s.Figures.ClickRate),
        }));

    public static string Form(ReadFormReport.Report report) => Write(
        ["form", "date", "submissions", "confirmations"],
        report.Period.Days.Select((day, i) => new object?[] { report.FormId, Day(day), report.Submissions[i], report.Confirmations[i] }));

    public static string Purpose(ReadPurposeReport.Report report) => Write(
        ["purpose", "name", "date", "granted", "withdrawn", "objected"],
        report.Period.Days.Select((day, i) => new object?[] { report.Key, report.Name, Day(day), report.Granted[i], report.Withdrawn[i], report.Objected[i] }));

    public static string Day(DateTimeOffset day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Write(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        using (var csv = CsvFiles.CreateWriter(writer))
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Convert.ToString(cell, CultureInfo.InvariantCulture));
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }
}
