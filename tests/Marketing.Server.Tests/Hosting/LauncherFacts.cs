using System.Diagnostics;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// The <c>./marketing</c> launcher, run for real in a copy of the checkout's layout with a stand-in <c>dotnet</c> that
/// notes what it was asked: it builds on a first start and says so, builds again only when an input changed, and
/// otherwise starts the engine at once.
/// </summary>
public sealed class LauncherFacts
{
    [Fact]
    public async Task FirstStart_SaysItIsBuilding_ThenRunsTheVerb()
    {
        using var checkout = new FakeCheckout();

        var run = await checkout.RunAsync("keys", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("building the engine (first start takes a few minutes)", run.Error, StringComparison.Ordinal);
        Assert.Equal(["build", "run keys --help"], run.Calls);
        Assert.Equal("engine ran: keys --help", run.Output.Trim());
    }

    [Fact]
    public async Task NothingChanged_RunsTheVerbWithoutBuilding_AndSaysNothing()
    {
        using var checkout = new FakeCheckout();
        await checkout.RunAsync("keys", "--help");
        checkout.AgeTheBuild();

        var run = await checkout.RunAsync("keys", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(["run keys --help"], run.Calls);
    }

    [Theory]
    [InlineData("edit", "src/Marketing.Core/Thing.cs")]
    [InlineData("edit", "templates/email/welcome.en.html")]
    [InlineData("edit", "Directory.Packages.props")]
    [InlineData("edit", "Directory.Build.props")]
    [InlineData("add", "src/Marketing.Core/NewThing.cs")]
    [InlineData("delete", "src/Marketing.Core/Thing.cs")]
    public async Task AChangedInput_MakesTheNextStartBuildAgain_NamingIt(string change, string path)
    {
        using var checkout = new FakeCheckout();
        await checkout.RunAsync("migrate");
        checkout.AgeTheBuild();

        checkout.Change(change, path);
        var run = await checkout.RunAsync("migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["build", "run migrate"], run.Calls);
        Assert.Contains("rebuilding the engine", run.Error, StringComparison.Ordinal);
        Assert.Contains($"({path} changed)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildOutputs_AreNotInputs()
    {
        using var checkout = new FakeCheckout();
        await checkout.RunAsync("migrate");
        checkout.AgeTheBuild();

        checkout.Change("add", "src/Marketing.Core/obj/Release/net10.0/Marketing.Core.dll");
        checkout.Change("add", "src/Marketing.Core/bin/Debug/net10.0/Marketing.Core.dll");
        var run = await checkout.RunAsync("migrate");

        Assert.Equal(["run migrate"], run.Calls);
    }

    [Fact]
    public async Task AFailedBuild_ShowsTheCompilerAndStops_AndTheNextStartBuildsAgain()
    {
        using var checkout = new FakeCheckout();
        checkout.BuildFails = true;

        var failed = await checkout.RunAsync("migrate");
        checkout.BuildFails = false;
        var next = await checkout.RunAsync("migrate");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error CS1002", failed.Error, StringComparison.Ordinal);
        Assert.Equal(["build"], failed.Calls);
        Assert.Equal(0, next.ExitCode);
        Assert.Equal(["build", "run migrate"], next.Calls);
    }

    /// <summary>A folder shaped like the checkout, holding the real launcher; every file in it dated two hours ago.</summary>
    private sealed class FakeCheckout : IDisposable
    {
        private static readonly DateTime LongAgo = DateTime.UtcNow.AddHours(-2);
        private readonly string _root = Directory.CreateTempSubdirectory("marketing-launcher-").FullName;
        private readonly string _fakeBin;

        public FakeCheckout()
        {
            File.Copy(Path.Combine(Repository.Root, "marketing"), Path.Combine(_root, "marketing"));
            foreach (var file in new[]
            {
                "src/Marketing.Server/Marketing.Server.csproj", "src/Marketing.Core/Thing.cs", "templates/email/welcome.en.html",
                "Directory.Build.props", "Directory.Packages.props", "global.json",
            })
            {
                Write(file);
            }

            _fakeBin = Path.Combine(_root, ".fake-bin");
            Directory.CreateDirectory(_fakeBin);
            File.WriteAllText(Path.Combine(_fakeBin, "dotnet"), """
                #!/usr/bin/env bash
                # Notes each call; a build makes the engine's DLL, or fails as a compiler would.
                if [ "$1" = build ]; then
                  echo build >> "$FAKE_DOTNET_LOG"
                  if [ -n "$FAKE_DOTNET_FAIL" ]; then echo "Thing.cs(1,1): error CS1002: ; expected"; exit 1; fi
                  out="$(dirname "$2")/bin/Release/net10.0"; mkdir -p "$out"; : > "$out/Marketing.Server.dll"; exit 0
                fi
                shift
                echo "run $*" >> "$FAKE_DOTNET_LOG"
                echo "engine ran: $*"
                """.Replace("\r", "", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(_fakeBin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Append(_root))
            {
                File.SetLastWriteTimeUtc(entry, LongAgo);
            }
        }

        public bool BuildFails { get; set; }

        public sealed record Run(int ExitCode, string Output, string Error, IReadOnlyList<string> Calls);

        public async Task<Run> RunAsync(params string[] args)
        {
            var log = Path.Combine(_root, ".dotnet-calls");
            File.Delete(log);
            var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
            info.ArgumentList.Add(Path.Combine(_root, "marketing"));
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["PATH"] = $"{_fakeBin}:/usr/bin:/bin";
            info.Environment["FAKE_DOTNET_LOG"] = log;
            info.Environment["FAKE_DOTNET_FAIL"] = BuildFails ? "1" : "";

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var calls = File.Exists(log) ? File.ReadAllLines(log).Where(l => l.Length > 0).ToList() : [];
            return new Run(process.ExitCode, await output, await error, calls);
        }

        /// <summary>Dates the last build an hour ago: whatever the test changes next is newer, and nothing else is.</summary>
        public void AgeTheBuild()
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "src/Marketing.Server/bin"), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                File.SetLastWriteTimeUtc(file, LongAgo.AddHours(1));
            }
        }

        public void Change(string change, string path)
        {
            if (change == "delete")
            {
                File.Delete(Path.Combine(_root, path));
            }
            else
            {
                Write(path);
            }
        }

        private void Write(string path)
        {
            var full = Path.Combine(_root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, $"// {Guid.NewGuid()}\n");
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
