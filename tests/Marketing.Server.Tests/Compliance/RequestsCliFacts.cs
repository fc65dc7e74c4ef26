using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// <c>marketing requests list|open|extend|complete</c> as an operator's script meets them (R36): each verb's exit code and
/// output, and bad input answered with a message naming the option and a non-zero exit, with nothing stored changed.
/// </summary>
public abstract class RequestsCliFacts(DatabaseProvider provider)
{
    [Fact]
    public async Task RequestVerbs_PrintTheTicket_AndRefuseBadInputByNameWithoutChangingAnything()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        Task<(int ExitCode, string StdOut, string StdErr)> Run(params string[] args) => EngineProcess.RunAsync(database.Directory, settings, ["requests", .. args]);

        var empty = await Run("list");
        Assert.Equal((0, ""), (empty.ExitCode, empty.StdOut.Trim()));

        var badType = await Run("open", "--type", "complaint", "--channel", "letter", "--identity", "document", "--email", "cli.requester@example.com");
        var missingIdentity = await Run("open", "--type", "access", "--channel", "letter");
        Assert.Equal(1, badType.ExitCode);
        Assert.StartsWith("marketing: --type ", badType.StdErr.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, missingIdentity.ExitCode);
        Assert.Contains("--identity", missingIdentity.StdErr + missingIdentity.StdOut, StringComparison.Ordinal);
        Assert.Equal("", (await Run("list")).StdOut.Trim());

        var opened = await Run("open", "--type", "access", "--channel", "letter", "--identity", "document", "--email", "cli.requester@example.com",
            "--received-at", DateTimeOffset.UtcNow.AddDays(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(opened.ExitCode == 0, opened.StdErr);
        var fields = opened.StdOut.Trim().Split('\t');
        var id = Guid.Parse(fields[0]);
        Assert.Equal("open", fields[1]);
        Assert.StartsWith("due ", fields[2], StringComparison.Ordinal);
        var listed = await Run("list");
        var line = Assert.Single(listed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal((id.ToString(), "access", "open"), (line[0], line[1], line[2]));

        var badMonths = await Run("extend", id.ToString(), "--months", "5", "--reason", "many systems to search");
        var noReason = await Run("extend", id.ToString(), "--months", "2");
        var unknown = await Run("extend", Guid.NewGuid().ToString(), "--months", "2", "--reason", "x");
        var notAnId = await Run("extend", "ticket-1", "--months", "2", "--reason", "x");
        var badOutcome = await Run("complete", id.ToString(), "--outcome", "done");
        Assert.Equal(1, badMonths.ExitCode);
        Assert.StartsWith("marketing: --months", badMonths.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, noReason.ExitCode);
        Assert.StartsWith("marketing: --reason", noReason.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal((1, "marketing: no request with that id"), (unknown.ExitCode, unknown.StdErr.Trim()));
        Assert.NotEqual(0, notAnId.ExitCode);
        Assert.Contains("ticket-1", notAnId.StdErr + notAnId.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, badOutcome.ExitCode);
        Assert.StartsWith("marketing: --outcome", badOutcome.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(listed.StdOut, (await Run("list")).StdOut);

        var extended = await Run("extend", id.ToString(), "--months", "2", "--reason", "many systems to search");
        var twice = await Run("extend", id.ToString(), "--months", "1", "--reason", "again");
        Assert.True(extended.ExitCode == 0, extended.StdErr);
        Assert.StartsWith($"{id}\topen\tdue ", extended.StdOut.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(fields[2], extended.StdOut.Trim().Split('\t')[2]);
        Assert.Equal(1, twice.ExitCode);
        Assert.StartsWith("marketing: --months", twice.StdErr.Trim(), StringComparison.Ordinal);

        var completed = await Run("complete", id.ToString(), "--outcome", "fulfilled");
        var again = await Run("complete", id.ToString(), "--outcome", "fulfilled");
        Assert.True(completed.ExitCode == 0, completed.StdErr);
        Assert.StartsWith($"{id}\tclosed\t", completed.StdOut.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("marketing: ", again.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(id.ToString(), Assert.Single((await Run("list", "--status", "closed")).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t')[0]);
        Assert.Equal("", (await Run("list", "--status", "open")).StdOut.Trim());
    }
}

public sealed class RequestsCliFacts_OnSqlite() : RequestsCliFacts(DatabaseProvider.Sqlite);

public sealed class RequestsCliFacts_OnPostgres() : RequestsCliFacts(DatabaseProvider.Postgres);
