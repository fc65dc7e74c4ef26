using System.CommandLine;
using System.Globalization;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>
/// <c>marketing processors add|list</c>: an operator scripts the processor entries (R43) before switching on the
/// channel that names them, through the same use case as the API and the web page.
/// </summary>
public static class ProcessorsCli
{
    public static Command Command(Func<Func<ResolvedSettings, MarketingDbContext, Task<int>>, CancellationToken, Task<int>> withDatabase)
    {
        var key = new Option<string>("--key") { Description = "The entry's key, as a channel's setting names it (e.g. twilio for Marketing:Sms:Processor).", Required = true };
        var legalName = new Option<string?>("--legal-name") { Description = "The processor's legal name, e.g. 'Twilio Ireland Limited'." };
        var role = new Option<string?>("--role") { Description = "processor, joint_controller or independent_controller.", DefaultValueFactory = _ => ProcessorRoles.Processor };
        var service = new Option<string?>("--service") { Description = "What it does for you, e.g. 'SMS delivery'." };
        var data = new Option<string?>("--data") { Description = "Data categories it receives, comma-separated, e.g. 'phone number,message text'." };
        var storage = new Option<string?>("--storage") { Description = "Countries where it stores the data (ISO codes, comma-separated), e.g. IE,DE." };
        var access = new Option<string?>("--access") { Description = "Countries from which it may access the data, comma-separated." };
        var mechanism = new Option<string?>("--mechanism") { Description = "Transfer mechanism outside the EEA: adequacy, dpf, scc, bcr or art49." };
        var document = new Option<string?>("--document") { Description = "Reference of the transfer's document (the signed SCCs, for one)." };
        var dpaDate = new Option<string?>("--dpa-date") { Description = "Date of the data processing agreement, yyyy-MM-dd." };
        var dpaReference = new Option<string?>("--dpa-reference") { Description = "Reference of the data processing agreement." };
        var subprocessors = new Option<string?>("--subprocessors-url") { Description = "Address of the processor's list of sub-processors." };
        var dpfVerified = new Option<string?>("--dpf-verified-on") { Description = "The recipient is DPF-certified, last checked on this date (yyyy-MM-dd)." };
        var add = new Command("add", "Add a processor entry, or replace the entry of that key. Every field is checked; a problem is printed per option.")
        {
            key, legalName, role, service, data, storage, access, mechanism, document, dpaDate, dpaReference, subprocessors, dpfVerified,
        };
        add.SetAction((parse, ct) => withDatabase(async (settings, db) =>
        {
            var errors = new Dictionary<string, string>();
            var dpa = Date(parse.GetValue(dpaDate), "dpaDate", errors);
            var dpf = Date(parse.GetValue(dpfVerified), "dpfVerifiedOn", errors);
            var input = new ProcessorInput(parse.GetValue(legalName), parse.GetValue(role), parse.GetValue(service), List(parse.GetValue(data)),
                List(parse.GetValue(storage))?.Select(c => c.ToUpperInvariant()).ToList(), List(parse.GetValue(access))?.Select(c => c.ToUpperInvariant()).ToList(),
                Blank(parse.GetValue(mechanism)), Blank(parse.GetValue(document)), dpa, Blank(parse.GetValue(dpaReference)), Blank(parse.GetValue(subprocessors)),
                dpf is not null, dpf);
            var outcome = errors.Count > 0 ? null : await SaveProcessor.HandleAsync(db, TimeProvider.System, settings.ChannelProcessors, parse.GetValue(key)!, input, "cli", ct);
            if (outcome?.Refusal is Refusal.Invalid invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[field] = string.Join("; ", messages);
                }
            }

            foreach (var (field, message) in errors)
            {
                await Console.Error.WriteLineAsync($"marketing: {Option(field)} {message}");
            }

            if (errors.Count > 0)
            {
                return 1;
            }

            var saved = outcome!.Value;
            Console.WriteLine($"{(saved.Created ? "added" : "replaced")} {saved.Processor.Key}\t{saved.Processor.LegalName}");
            return 0;
        }, ct));

        var list = new Command("list", "List the processor entries: key, legal name, role, storage and access countries, transfer mechanism, channels naming it.");
        list.SetAction((_, ct) => withDatabase(async (settings, db) =>
        {
            foreach (var p in await db.Processors.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct))
            {
                var channels = settings.ChannelProcessors.Uses.Where(u => u.ProcessorKey == p.Key).Select(u => $"{u.Channel}:{(u.On ? "on" : "off")}");
                Console.WriteLine(string.Join('\t', p.Key, p.LegalName, p.Role, string.Join(',', p.StorageCountries), string.Join(',', p.AccessCountries),
                    p.TransferMechanism ?? "-", string.Join(',', channels)));
            }

            return 0;
        }, ct));

        var processors = new Command("processors", "The processors that receive personal data, and where (R43, R44).");
        processors.Subcommands.Add(add);
        processors.Subcommands.Add(list);
        return processors;
    }

    /// <summary>The option that gives a field of the use case, for its messages (dataCategories[1] → --data).</summary>
    private static string Option(string field) => field.Split('[', '.')[0] switch
    {
        "legalName" => "--legal-name",
        "dataCategories" => "--data",
        "storageCountries" => "--storage",
        "accessCountries" => "--access",
        "transferMechanism" => "--mechanism",
        "transferDocument" => "--document",
        "dpaDate" => "--dpa-date",
        "dpaReference" => "--dpa-reference",
        "subProcessorsUrl" => "--subprocessors-url",
        "dpfVerifiedOn" or "dpfCertified" => "--dpf-verified-on",
        var other => $"--{other}",
    };

    private static DateOnly? Date(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = "must be a date written yyyy-MM-dd";
        return null;
    }

    private static List<string>? List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
