using Marketing.Compliance;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// R43: a channel that sends personal data to a processor starts only once its processor entry exists. An operator
/// runs <c>marketing processors add</c> before switching the channel on; a test host does the same here, before it
/// starts, for every channel its settings turn on (in the EEA, so that <c>eu-only</c> accepts them too).
/// Settings that name <see cref="Skip"/> keep the database bare, for the facts of a refused start.
/// </summary>
public static class TestProcessors
{
    public const string Skip = "Tests:NoProcessorEntries";

    public static ProcessorInput InEu(string name) => new(name, ProcessorRoles.Processor, $"{name} for tests", ["email address", "phone number"],
        ["FR"], ["FR", "DE"], null, null, new DateOnly(2026, 1, 15), "DPA-TEST-1", "https://processor.example/subprocessors", false, null);

    public static async Task SeedAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var normalised = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        if (normalised.ContainsKey(Skip))
        {
            return;
        }

        ResolvedSettings resolved;
        try
        {
            resolved = ResolvedSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(normalised).Build(), workingDirectory);
        }
        catch (StartupException)
        {
            return; // the fact of a bad setting: the host refuses it before it reads any entry
        }

        var keys = resolved.ChannelProcessors.Uses.Where(u => u.On).Select(u => u.ProcessorKey).Distinct().ToList();
        if (keys.Count == 0 || !resolved.AutoMigrate)
        {
            return;
        }

        await DatabasePreparation.MigrateAsync(resolved, CancellationToken.None);
        await using var db = DatabasePreparation.OpenContext(resolved);
        foreach (var key in keys)
        {
            if (!await db.Processors.AnyAsync(p => p.Key == key))
            {
                var saved = await SaveProcessor.HandleAsync(db, TimeProvider.System, ChannelProcessors.None, key, InEu($"{key} relay"), "tests", CancellationToken.None);
                Assert.Null(saved.Refusal);
            }
        }
    }
}
