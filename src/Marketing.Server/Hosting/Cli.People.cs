using System.CommandLine;
using Marketing.Access;
using Marketing.Common;
using Marketing.Compliance;

namespace Marketing.Server.Hosting;

/// <summary>The operator's verbs on one person: erasure (R38), restriction and its lifting (R39), the same use cases as the API and the web app.</summary>
public static partial class Cli
{
    private static Command PeopleCommand()
    {
        var people = new Command("people", "Act on one person of the lead store.");
        people.Subcommands.Add(EraseCommand());
        people.Subcommands.Add(ReasonCommand("restrict", "Restrict a person's processing (GDPR art. 18): no message, no sequence, no export but the DPO's, until lifted.",
            async (db, id, reason, ct) => (await RestrictPerson.HandleAsync(db, TimeProvider.System, id, new RestrictPerson.Command(reason), Actor.Operator.Name, ct)).Refusal));
        people.Subcommands.Add(ReasonCommand("lift-restriction", "Lift a restriction; the person is told by email.",
            async (db, id, reason, ct) => (await LiftRestriction.HandleAsync(db, TimeProvider.System, id, new LiftRestriction.Command(reason), Actor.Operator.Name, ct)).Refusal));
        return people;
    }

    private static Command ReasonCommand(string name, string description,
        Func<Marketing.Data.MarketingDbContext, Guid, string?, CancellationToken, Task<Refusal?>> handle)
    {
        var id = new Option<Guid>("--id") { Description = "The person's id.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the audit log, at most 500 characters).", Required = true };
        var command = new Command(name, description) { id, reason };
        command.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) =>
        {
            switch (await handle(db, parse.GetValue(id), parse.GetValue(reason), ct))
            {
                case null:
                    Console.WriteLine($"{name}: done for {parse.GetValue(id)}");
                    return 0;
                case Refusal.NotFound:
                    await Console.Error.WriteLineAsync("marketing: --id names no person");
                    return 1;
                case Refusal.Invalid invalid:
                    await Console.Error.WriteLineAsync($"marketing: --reason {invalid.Errors.Values.First()[0]}");
                    return 1;
                case Refusal.Conflict conflict:
                    await Console.Error.WriteLineAsync($"marketing: {conflict.Title}");
                    return 1;
                default:
                    return 1;
            }
        }, ct));
        return command;
    }
}
