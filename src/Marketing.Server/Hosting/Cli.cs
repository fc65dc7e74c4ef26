using System.CommandLine;
using Marketing.Access;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Hosting;

/// <summary>The program's verbs. Without one, the program serves; host options such as --urls go to the host.</summary>
public static partial class Cli
{
    public const int LedgerBroken = 4;
    public const int ErasureScanFound = 5;

    private static readonly string[] Verbs = ["migrate", "keys", "users", "ledger", "requests", "people", "processors", "contacts", "webhooks", "--help", "-h", "-?", "--version"];

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        // Every audit entry of a verb says it came from the command line (R49).
        AuditOrigin.Use(AuditOrigin.Cli);
        var root = new RootCommand("Marketing automation and lead capture engine. Run without a verb to serve HTTP and run jobs.");
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(KeysCommand());
        root.Subcommands.Add(UsersCommand());
        root.Subcommands.Add(LedgerCommand());
        root.Subcommands.Add(RequestsCommand());
        root.Subcommands.Add(PeopleCommand());
        root.Subcommands.Add(ContactsCommand());
        root.Subcommands.Add(Compliance.ProcessorsCli.Command(WithDatabaseAsync));
        root.Subcommands.Add(Webhooks.WebhooksCli.Command(WithDatabaseAsync));
        return root.Parse(args).InvokeAsync();
    }

    private static Command MigrateCommand()
    {
        var migrate = new Command("migrate", "Apply the database migrations of the configured provider and install the job storage schema.");
        migrate.SetAction((_, ct) => WithSettingsAsync(async settings =>
        {
            var applied = await DatabasePreparation.MigrateAsync(settings, ct);
            JobsSetup.CreateStorage(settings, prepareSchema: true);
            Console.WriteLine(applied.Count == 0
                ? $"{settings.Provider}: schema is up to date"
                : $"{settings.Provider}: applied {string.Join(", ", applied)}");
            return 0;
        }));
        return migrate;
    }

    private static Command KeysCommand()
    {
        var keys = new Command("keys", "Manage the API keys of the admin API.");

        var role = new Option<string>("--role") { Description = "The key's role: admin, marketer, compliance or dpo.", Required = true };
        role.AcceptOnlyFromAmong([.. ApiKeyRoles.All]);
        var name = new Option<string>("--name")
        {
            Description = "Who or what uses the key, e.g. ops or crm-sync. Defaults to the role and the time.",
            DefaultValueFactory = parse => $"{parse.GetValue(role)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}",
        };
        var scope = new Option<string[]>("--scope")
        {
            Description = $"A route group the key may reach (repeat for several): {string.Join(", ", ApiKeyScopes.All)}. None: all its role reaches.",
            AllowMultipleArgumentsPerToken = false,
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601, UTC unless an offset is given). None: never." };
        var create = new Command("create", "Create a key and print it once. Only its hash is stored.") { role, name, scope, expires };
        create.SetAction((parse, ct) => WithDatabaseAsync(async (settings, db) =>
        {
            if (!ApiKeyRoles.TryParse(parse.GetValue(role), out var parsedRole))
            {
                await Console.Error.WriteLineAsync($"marketing: --role must be one of {string.Join(", ", ApiKeyRoles.All)}");
                return 1;
            }

            var keyName = parse.GetValue(name) ?? "";
            if (string.IsNullOrWhiteSpace(keyName) || keyName.Length > CreateApiKey.MaxNameLength)
            {
                await Console.Error.WriteLineAsync($"marketing: --name must be 1 to {CreateApiKey.MaxNameLength} characters");
                return 1;
            }

            // The API's rules for scopes and expiry (R48); the operator may give any role.
            var outcome = await CreateApiKey.HandleAsync(db, TimeProvider.System,
                new CreateApiKey.Request(keyName, parsedRole.ToName(), parse.GetValue(scope), parse.GetValue(expires)), null, "cli", ct);
            if (outcome.Refusal is Refusal.Invalid invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    await Console.Error.WriteLineAsync($"marketing: --{(field == "expiresAt" ? "expires" : field == "scopes" ? "scope" : field)} {string.Join("; ", messages)}");
                }

                return 1;
            }

            var created = outcome.Value;
            // The key alone on stdout, so that KEY=$(marketing keys create ...) works; the rest is for the person.
            Console.WriteLine(created.Key);
            await Console.Error.WriteLineAsync($"Created {created.Role.ToName()} key '{created.Name}' ({created.Id}). It is shown only this once.");
            return 0;
        }, ct));

        var list = new Command("list", "List keys (never their secrets).");
        list.SetAction((_, ct) => WithDatabaseAsync(async (_, db) =>
        {
            foreach (var key in await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct))
            {
                var status = key.RevokedAt is not null ? "revoked" : key.HasExpired(DateTimeOffset.UtcNow) ? "expired" : "active";
                Console.WriteLine($"{key.Id}\tmk_{key.Prefix}_…\t{key.Role.ToName()}\t{key.Name}\t{status}\t{(key.Scopes.Count == 0 ? "all" : string.Join(',', key.Scopes))}\t{key.ExpiresAt?.ToString("O") ?? "never"}");
            }

            return 0;
        }, ct));

        var id = new Argument<Guid>("id") { Description = "The key's id, as printed by 'keys list'." };
        var revoke = new Command("revoke", "Revoke a key; requests made with it are refused at once.") { id };
        revoke.SetAction((parse, ct) => WithDatabaseAsync(async (_, db) =>
        {
            var keyId = parse.GetValue(id);
            var outcome = await RevokeApiKey.HandleAsync(db, TimeProvider.System, keyId, null, "cli", ct);
            if (outcome.Refusal is Refusal.NotFound)
            {
                await Console.Error.WriteLineAsync($"marketing: no key with id {keyId}");
                return 1;
            }

            Console.WriteLine($"revoked {outcome.Value.Id} ({outcome.Value.Name})");
            return 0;
        }, ct));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static Command UsersCommand()
    {
        var users = new Command("users", "Manage the users of the web app.");

        var email = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var role = new Option<string>("--role") { Description = "The user's role: admin, marketer, compliance or dpo.", Required = true };
        role.AcceptOnlyFromAmong([.. ApiKeyRoles.All]);
        var name = new Option<string?>("--name") { Description = "How the app greets the user (optional)." };
        var language = new Option<string>("--language") { Description = "The language of the app's emails to the user: en or fr.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. Marketing.Access.Users.Languages]);
        var invite = new Command("invite", "Invite a user (the first admin, for one) and print the one-time link that sets up their sign-in. It works once, for 7 days.")
        {
            email, role, name, language,
        };
        invite.SetAction((parse, ct) => WithDatabaseAsync(async (settings, db) =>
        {
            var outcome = await InviteUser.HandleAsync(db, TimeProvider.System,
                new InviteUser.Request(parse.GetValue(email), parse.GetValue(role), parse.GetValue(name), parse.GetValue(language)),
                Actor.Operator, emailed: false, ct);
            if (!outcome.Succeeded)
            {
                foreach (var (field, problem) in outcome.Problems)
                {
                    await Console.Error.WriteLineAsync($"marketing: --{(field == "displayName" ? "name" : field)} {UserProblems.Describe(problem)}");
                }

                return 1;
            }

            // The link alone on stdout, so that LINK=$(marketing users invite ...) works; the rest is for the person.
            Console.WriteLine($"{settings.Raw.PublicBaseUrl.TrimEnd('/')}/account/link/{outcome.Token}");
            await Console.Error.WriteLineAsync($"Invited {outcome.User!.Email} as {outcome.User.Role.ToName()}. Open the link to set a passkey or a password; it works once, for 7 days.");
            return 0;
        }, ct));

        var list = new Command("list", "List the users of the web app.");
        list.SetAction((_, ct) => WithDatabaseAsync(async (_, db) =>
        {
            foreach (var user in await ListUsers.HandleAsync(db, ct))
            {
                Console.WriteLine($"{user.Id}\t{user.Email}\t{user.Role.ToName()}\t{user.Status.ToString().ToLowerInvariant()}");
            }

            return 0;
        }, ct));

        users.Subcommands.Add(invite);
        users.Subcommands.Add(list);
        return users;
    }

    private static Command LedgerCommand()
    {
        var verify = new Command("verify", "Recompute the consent ledger's hash chain and name the first event that breaks it. Exit code 4 when broken.");
        verify.SetAction((_, ct) => WithDatabaseAsync(async (_, db) =>
        {
            var result = await VerifyLedger.HandleAsync(db, TimeProvider.System, "cli", ct);
            if (result.FirstBreak is { } broken)
            {
                Console.WriteLine($"BROKEN at event {broken.EventId?.ToString() ?? "(missing)"} (person {broken.PersonId}, sequence {broken.Sequence}): {broken.Reason}");
                Console.WriteLine($"checked {result.EventsChecked} events of {result.PeopleChecked} people before the break");
                return LedgerBroken;
            }

            Console.WriteLine($"intact: {result.EventsChecked} events of {result.PeopleChecked} people verified");
            return 0;
        }, ct));
        var ledger = new Command("ledger", "The consent ledger.");
        ledger.Subcommands.Add(verify);
        return ledger;
    }

    private static Command EraseCommand()
    {
        var id = new Argument<Guid>("id") { Description = "The person's id." };
        var ground = new Option<string>("--ground") { Description = $"The ground of the erasure: {string.Join(", ", ErasureGrounds.All)}.", Required = true };
        ground.AcceptOnlyFromAmong([.. ErasureGrounds.All]);
        var erase = new Command("erase", "Erase a person (R38): identifiers and free text go from every table, the keyed-hash suppression stays, the ledger still verifies. Prints the report; exit code 5 when the scan still finds an identifier.")
        {
            id, ground,
        };
        erase.SetAction((parse, ct) => WithDatabaseAsync(async (settings, db) =>
        {
            var services = Marketing.Server.Compliance.ErasureSetup.Create(settings, TimeProvider.System,
                new Marketing.Suppression.AddressHasher(Marketing.Server.Sending.SendingSetup.SuppressionSecret(settings)));
            var outcome = await ErasePerson.TryAsync(db, services, new ErasureRequest(parse.GetValue(id), parse.GetValue(ground), "cli"), ct);
            switch (outcome.Refusal)
            {
                case Refusal.NotFound:
                    await Console.Error.WriteLineAsync($"marketing: no person has the id {parse.GetValue(id)}");
                    return 1;
                case Refusal.Conflict conflict:
                    await Console.Error.WriteLineAsync($"marketing: {conflict.Title} {conflict.Detail}");
                    return 1;
                case Refusal.Invalid invalid:
                    foreach (var (field, messages) in invalid.Errors)
                    {
                        await Console.Error.WriteLineAsync($"marketing: --{field} {string.Join(" ", messages)}");
                    }

                    return 1;
            }

            var report = outcome.Value;
            Console.WriteLine($"erased {report.PersonId} at {report.At:O} (ground {report.Ground}, erasure {report.ErasureId})");
            foreach (var (table, count) in report.Counts)
            {
                Console.WriteLine($"  {table}: {count}");
            }

            Console.WriteLine($"  held in the restricted archive: {report.Held}");
            Console.WriteLine($"scan: {report.ScanResult}");
            return report.ScanClean ? 0 : ErasureScanFound;
        }, ct));
        return erase;
    }

    /// <summary>Runs a verb against the configured database, migrated where the engine itself would migrate it.</summary>
    private static Task<int> WithDatabaseAsync(Func<ResolvedSettings, MarketingDbContext, Task<int>> action, CancellationToken ct) =>
        WithSettingsAsync(async settings =>
        {
            await DatabasePreparation.PrepareForServingAsync(settings, ct);
            await using var db = DatabasePreparation.OpenContext(settings);
            return await action(settings, db);
        });

    private static async Task<int> WithSettingsAsync(Func<ResolvedSettings, Task<int>> action)
    {
        try
        {
            var configuration = MarketingHost.CreateBuilder([]).Configuration;
            return await action(ResolvedSettings.Load(configuration, Directory.GetCurrentDirectory()));
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"marketing: {e.Message}");
            return e.ExitCode;
        }
    }
}
