using System.Diagnostics;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Hosting;

public sealed class ComposeFileFacts
{
    [Fact]
    public async Task ComposeFile_IsAcceptedByDockerCompose_AndRunsTheEngineTwiceAgainstOnePostgres()
    {
        var (exitCode, output) = await DockerComposeAsync("config");

        Assert.True(exitCode == 0, output);
        var services = (await DockerComposeAsync("config", "--services")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("postgres", services);
        Assert.Contains("mailpit", services);
        Assert.Equal(2, services.Count(s => s.StartsWith("engine-", StringComparison.Ordinal)));
        Assert.Equal(3, CountOccurrences(output, "Marketing__Database__Provider: postgres"));
        // The relay the engines are pointed at is a service of the file: a host nobody answers to loses the trial's mail.
        var relays = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Marketing__Email__Smtp__Host:", StringComparison.Ordinal))
            .Select(l => l["Marketing__Email__Smtp__Host:".Length..].Trim()).Distinct().ToList();
        Assert.Equal(["mailpit"], relays);
        Assert.All(relays, r => Assert.Contains(r, services));
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static async Task<(int ExitCode, string Output)> DockerComposeAsync(params string[] args)
    {
        var info = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(Path.Combine(Repository.Root, "docker-compose.yml"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed: run ./scripts/test.sh, which installs Debian's package.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
