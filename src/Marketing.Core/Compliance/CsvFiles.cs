using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Marketing.Compliance;

/// <summary>
/// The one way the engine writes CSV. A cell that a spreadsheet would read as a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR) is written with a leading <c>'</c>, so a page URL, a referrer, a user
/// agent or an address typed by a stranger never runs in the DPO's spreadsheet (OWASP CSV injection). An architecture
/// test keeps every other CsvWriter out of the engine.
/// </summary>
public static class CsvFiles
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static CsvWriter CreateWriter(TextWriter writer)
    {
        var csv = new CsvWriter(writer, Configuration);
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["O"];
        return csv;
    }
}
