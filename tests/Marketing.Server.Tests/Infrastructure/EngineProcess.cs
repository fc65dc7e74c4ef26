using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The engine as an operator runs it: a separate process of the built program, configured by its
/// environment, which can be stopped, killed and started again on the same data.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    /// <summary>The program's own process id (<c>dotnet Marketing.Server.dll</c> runs the program in the host process).</summary>
    public int ProcessId => _process.Id;
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "Marketing.Server.dll");

    /// <summary>Starts the engine serving on a free loopback port and waits until /health/ready answers 200.</summary>
    public static async Task<EngineProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        await TestProcessors.SeedAsync(workingDirectory, settings);
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var process = Process.Start(StartInfo(workingDirectory, settings, "--urls", baseAddress.ToString()))!;
        var engine = new EngineProcess(process, baseAddress);
        using var client = engine.CreateClient();
        var ready = await Eventually.ReturnsAsync(async () =>
        {
            if (process.HasExited)
            {
                return true;
            }

            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(60));
        if (!ready || process.HasExited)
        {
            var output = engine.Output;
            await engine.DisposeAsync();
            throw new InvalidOperationException($"The engine did not become ready. Its output:\n{output}");
        }

        return engine;
    }

    /// <summary>Runs the program to completion (a verb, or a start that must fail) and returns what it printed.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, settings, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A client that presents <paramref name="apiKey"/>, with a longer timeout for calls that do much work.</summary>
    public HttpClient CreateClient(string apiKey, TimeSpan? timeout = null)
    {
        var client = CreateClient();
        client.Timeout = timeout ?? client.Timeout;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>An admin API key, made with the program's own verb as an operator makes one: one line, starting with mk_.</summary>
    public static async Task<string> CreateAdminKeyAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var (exitCode, stdout, stderr) = await RunAsync(workingDirectory, settings, "keys", "create", "--role", "admin");
        Assert.True(exitCode == 0, stderr);
        var key = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mk_", key, StringComparison.Ordinal);
        return key.Trim();
    }

    /// <summary>A crash: no shutdown code runs, whatever was in flight is abandoned.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>What a service manager does: SIGTERM, then wait for the host to shut down.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only what the test says: no setting leaks in from the machine that runs the tests.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Marketing__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[TestEnvironment.ToVariableName(key)] = value;
        }

        return info;
    }
}
