using Marketing.Server.Hosting;

if (Cli.Handles(args))
{
    return await Cli.RunAsync(args);
}

try
{
    await using var app = await MarketingHost.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"marketing: {e.Message}");
    return e.ExitCode;
}
