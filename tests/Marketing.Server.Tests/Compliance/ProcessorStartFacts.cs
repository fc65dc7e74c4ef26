using System.Net;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// R43, R44 as an operator meets them: a channel that sends personal data to a processor starts only once the
/// processor's entry exists (and, with eu-only, covers its transfers); the entry is scripted with the CLI.
/// </summary>
public abstract class ProcessorStartFacts(DatabaseProvider provider)
{
    private static readonly string[] TwilioInTheUs =
    [
        "processors", "add", "--key", "twilio", "--legal-name", "Twilio Inc.", "--service", "SMS delivery", "--data", "phone number,message text",
        "--storage", "us", "--access", "US", "--dpa-date", "2025-03-01", "--subprocessors-url", "https://www.twilio.com/en-us/legal/sub-processors",
    ];

    [Fact]
    public async Task Sms_IsRefusedAtStart_NamingTheMissingEntry_AndUnderEuOnlyAnUncoveredTransfer_UntilTheOperatorEntersThem()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        settings["Marketing:Sms:AccountSid"] = SmsApp.AccountSid;
        settings["Marketing:Sms:AuthToken"] = "token-for-tests";
        settings["Marketing:Sms:From"] = "+33700000000";

        var missing = await EngineProcess.RunAsync(database.Directory, settings);
        Assert.Equal(2, missing.ExitCode);
        var line = Assert.Single((missing.StdOut + missing.StdErr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("marketing: invalid setting Marketing:Sms:Processor:", line, StringComparison.Ordinal);
        Assert.Contains("no processor entry 'twilio' exists", line, StringComparison.Ordinal);

        var bad = await EngineProcess.RunAsync(database.Directory, settings, "processors", "add", "--key", "twilio", "--dpa-date", "1 March");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--dpa-date must be a date written yyyy-MM-dd", bad.StdErr, StringComparison.Ordinal);
        var added = await EngineProcess.RunAsync(database.Directory, settings, TwilioInTheUs);
        Assert.True(added.ExitCode == 0, added.StdErr);
        Assert.Equal("added twilio\tTwilio Inc.", added.StdOut.Trim());

        settings["Marketing:DataRegion"] = "eu-only";
        var uncovered = await EngineProcess.RunAsync(database.Directory, settings);
        Assert.Equal(2, uncovered.ExitCode);
        line = Assert.Single((uncovered.StdOut + uncovered.StdErr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("marketing: invalid setting Marketing:DataRegion:", line, StringComparison.Ordinal);
        Assert.Contains("'twilio' (Twilio Inc.)", line, StringComparison.Ordinal);
        Assert.Contains("in US, outside the EEA", line, StringComparison.Ordinal);

        var covered = await EngineProcess.RunAsync(database.Directory, settings, [.. TwilioInTheUs, "--mechanism", "scc", "--document", "SCC 2021/914, signed 2025-03-01"]);
        Assert.True(covered.ExitCode == 0, covered.StdErr);
        await using var engine = await EngineProcess.StartAsync(database.Directory, settings);
        using var client = engine.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var listed = await EngineProcess.RunAsync(database.Directory, settings, "processors", "list");
        Assert.Equal("twilio\tTwilio Inc.\tprocessor\tUS\tUS\tscc\ttwilio:on", listed.StdOut.Trim());
    }
}

public sealed class ProcessorStartFacts_OnSqlite() : ProcessorStartFacts(DatabaseProvider.Sqlite);

public sealed class ProcessorStartFacts_OnPostgres() : ProcessorStartFacts(DatabaseProvider.Postgres);
