using System.CommandLine;
using System.Globalization;
using Marketing.Common;
using Marketing.Compliance;

namespace Marketing.Server.Hosting;

/// <summary><c>marketing requests list|open|extend|complete</c>: the DSR queue for an operator's scripts (R36), the same use cases as the API.</summary>
public static partial class Cli
{
    private static Command RequestsCommand()
    {
        var requests = new Command("requests", "Data-subject requests (access, erasure…): the queue with due dates, and the actions on a ticket.");

        var status = new Option<string?>("--status") { Description = "Only tickets in this status: open, closed or awaiting_confirmation." };
        var list = new Command("list", "List tickets: id, type, status, received, due date, and 'due_soon' (D-7) or 'overdue'.") { status };
        list.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) =>
        {
            foreach (var line in await ListDataSubjectRequests.HandleAsync(db, TimeProvider.System, parse.GetValue(status), ct))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{line.Id}\t{line.Type}\t{line.Status}\t{line.ReceivedAt:O}\t{line.DueAt:O}\t{Compliance.RequestEndpoints.Deadline(line.Flag)}"));
            }

            return 0;
        }, ct));

        var type = new Option<string>("--type") { Description = $"One of: {string.Join(", ", RequestTypes.All)}.", Required = true };
        var channel = new Option<string>("--channel") { Description = $"How it arrived: {string.Join(", ", RequestChannels.All)}.", Required = true };
        var email = new Option<string?>("--email") { Description = "The requester's email address." };
        var person = new Option<Guid?>("--person") { Description = "The id of the person the request is about." };
        var identity = new Option<string>("--identity") { Description = $"How the identity was checked: {string.Join(", ", IdentityMethods.All)}.", Required = true };
        var details = new Option<string?>("--details") { Description = "What was asked, in a few words." };
        var received = new Option<DateTimeOffset?>("--received-at") { Description = "When the request arrived (ISO 8601); now when omitted." };
        var open = new Command("open", "Open a ticket for a request received by email, letter, phone or in person; it is due one calendar month after receipt.")
        {
            type, channel, email, person, identity, details, received,
        };
        open.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) => await Report(await OpenDataSubjectRequest.HandleAsync(db, TimeProvider.System,
            new OpenDataSubjectRequest.Request(parse.GetValue(type), parse.GetValue(channel), parse.GetValue(email), parse.GetValue(person),
                parse.GetValue(identity), parse.GetValue(details), parse.GetValue(received)), "cli", ct)), ct));

        var id = new Argument<Guid>("id") { Description = "The ticket's id, as printed by 'requests list'." };
        var months = new Option<int>("--months") { Description = "1 or 2 further months.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why: told to the requester in the notice (extension), or kept with the outcome." };
        var extend = new Command("extend", "Extend a ticket once, before its first due date; the requester is emailed the reason and the new date.") { id, months, reason };
        extend.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) => await Report(await ExtendDataSubjectRequest.HandleAsync(db, TimeProvider.System,
            parse.GetValue(id), parse.GetValue(months), parse.GetValue(reason), "cli", ct)), ct));

        var outcome = new Option<string>("--outcome") { Description = $"One of: {string.Join(", ", RequestOutcomes.All)}.", Required = true };
        var complaint = new Option<bool>("--complaint-right-mentioned") { Description = "The answer told the requester of their right to complain (required to refuse or answer in part)." };
        var complete = new Command("complete", "Close a ticket with its outcome.") { id, outcome, reason, complaint };
        complete.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) => await Report(await CompleteDataSubjectRequest.HandleAsync(db, TimeProvider.System,
            parse.GetValue(id), new CompleteDataSubjectRequest.Request(parse.GetValue(outcome), parse.GetValue(reason), parse.GetValue(complaint)), "cli", ct)), ct));

        requests.Subcommands.Add(list);
        requests.Subcommands.Add(open);
        requests.Subcommands.Add(extend);
        requests.Subcommands.Add(complete);
        return requests;
    }

    /// <summary>The ticket's id and due date on stdout; a refusal on stderr, each field named as its option.</summary>
    private static async Task<int> Report(Outcome<DataSubjectRequest> outcome)
    {
        switch (outcome.Refusal)
        {
            case null:
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Value.Id}\t{outcome.Value.Status}\tdue {outcome.Value.DueAt:O}"));
                return 0;
            case Refusal.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    await Console.Error.WriteLineAsync($"marketing: --{Option(field)} {string.Join("; ", messages)}");
                }

                return 1;
            case Refusal.NotFound:
                await Console.Error.WriteLineAsync("marketing: no request with that id");
                return 1;
            case Refusal.Conflict conflict:
                await Console.Error.WriteLineAsync($"marketing: {conflict.Title}");
                return 1;
            default:
                return 1;
        }
    }

    private static string Option(string field) => field switch
    {
        "identityMethod" => "identity",
        "personId" => "person",
        "receivedAt" => "received-at",
        "complaintRightMentioned" => "complaint-right-mentioned",
        _ => field,
    };
}
