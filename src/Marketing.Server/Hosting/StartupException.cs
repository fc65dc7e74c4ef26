namespace Marketing.Server.Hosting;

/// <summary>A reason the engine cannot start, told to the operator in one line.</summary>
public sealed class StartupException : Exception
{
    public const int BadSettings = 2;
    public const int DatabaseUnavailable = 3;

    public int ExitCode { get; } = BadSettings;

    public StartupException()
    {
    }

    public StartupException(string message) : base(message)
    {
    }

    public StartupException(string message, int exitCode) : base(message)
    {
        ExitCode = exitCode;
    }

    public StartupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
