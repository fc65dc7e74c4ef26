using System.CommandLine;
using System.Text.Json;
using Marketing.Access;
using Marketing.Common;
using Marketing.Leads;
using Marketing.Server.Sending;
using Marketing.Suppression;

namespace Marketing.Server.Hosting;

/// <summary>Contact imports from the command line (R51): the same use case as the API, with its progress on the terminal.</summary>
public static partial class Cli
{
    private static Command ContactsCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file: a header naming email and/or phone, optional country, locale, consented_at and attributes." };
        var meta = new Option<FileInfo?>("--batch-meta")
        {
            Description = "A JSON file with the batch's provenance: sourceOrganisation (required), contractReference, collectedFrom, collectedTo, collectionUrls, "
                + "consentWording, partnersShown, channels, purposes, proofLocation. Without consent proof the people get no marketing basis.",
        };
        var resume = new Option<Guid?>("--resume") { Description = "Resume the batch of this id from its checkpoint, with the same file." };
        var import = new Command("import", "Import a CSV list of contacts as one batch with its provenance, showing progress.") { file, meta, resume };
        import.SetAction((parse, ct) => WithDatabaseAsync(async (settings, db) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"marketing: file: {path.FullName} does not exist");
                return 1;
            }

            Guid batchId;
            if (parse.GetValue(resume) is { } id)
            {
                batchId = id;
            }
            else
            {
                if (parse.GetValue(meta) is not { Exists: true } metaFile)
                {
                    await Console.Error.WriteLineAsync("marketing: --batch-meta: give the JSON file of the batch's provenance (or --resume <batch id>)");
                    return 1;
                }

                ImportContacts.Meta? read;
                try
                {
                    read = JsonSerializer.Deserialize<ImportContacts.Meta>(await File.ReadAllTextAsync(metaFile.FullName, ct), JsonSerializerOptions.Web);
                }
                catch (JsonException e)
                {
                    await Console.Error.WriteLineAsync($"marketing: --batch-meta: not valid JSON ({e.Message})");
                    return 1;
                }

                var started = await ImportContacts.StartAsync(db, TimeProvider.System, (read ?? new ImportContacts.Meta(null)) with { FileName = path.Name }, Actor.Operator.Name, ct);
                if (started.Refusal is Refusal.Invalid invalid)
                {
                    foreach (var (field, messages) in invalid.Errors)
                    {
                        await Console.Error.WriteLineAsync($"marketing: --batch-meta {field}: {string.Join("; ", messages)}");
                    }

                    return 1;
                }

                batchId = started.Value.Id;
                Console.WriteLine($"batch {batchId} (resume with --resume {batchId})");
            }

            await using var stream = path.OpenRead();
            var hasher = new AddressHasher(SendingSetup.SuppressionSecret(settings));
            var outcome = await ImportContacts.RunAsync(db, hasher, TimeProvider.System, batchId, stream,
                b => Console.Error.Write($"\rline {b.LinesDone} ({100 * stream.Position / Math.Max(1, stream.Length)}%): {b.Created} created, {b.Merged} merged, {b.Suppressed} suppressed, {b.Refused} refused"),
                ct);
            Console.Error.WriteLine();
            switch (outcome.Refusal)
            {
                case null:
                    // This context has no hasher among its services: the new people get their address hashes here, so segments find them now.
                    await FillAddressHashes.HandleAsync(db, hasher, ct);
                    var batch = outcome.Value;
                    Console.WriteLine($"{batch.Status}: {batch.RowsRead} read, {batch.Created} created, {batch.Merged} merged, {batch.Suppressed} suppressed, {batch.Refused} refused");
                    foreach (var line in batch.RefusedLines.Take(20))
                    {
                        Console.WriteLine($"  line {line.Line}: {line.Field} {line.Error}");
                    }

                    return 0;
                case Refusal.NotFound:
                    await Console.Error.WriteLineAsync("marketing: --resume names no batch");
                    return 1;
                case Refusal.Conflict held:
                    await Console.Error.WriteLineAsync($"marketing: {held.Title} ({held.Detail}); try again once its lease has run out");
                    return 1;
                case Refusal.Invalid invalid:
                    await Console.Error.WriteLineAsync($"marketing: {string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
                    return 1;
                default:
                    return 1;
            }
        }, ct));
        var fill = new Command("fill-hashes", "Give people stored without them the keyed hashes of their addresses, so that segments find them (safe to re-run, and beside a running server).");
        fill.SetAction((parse, ct) => WithDatabaseAsync(async (settings, db) =>
        {
            var report = await FillAddressHashes.HandleAsync(db, new AddressHasher(SendingSetup.SuppressionSecret(settings)), ct);
            Console.WriteLine($"{report.Filled} address hashes filled");
            return 0;
        }, ct));
        var contacts = new Command("contacts", "Bring contacts in from other organisations.");
        contacts.Subcommands.Add(import);
        contacts.Subcommands.Add(fill);
        return contacts;
    }
}
