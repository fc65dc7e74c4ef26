namespace Marketing.Access;

/// <summary>
/// Where an audited action comes from: the role of whoever acts and the source it came from (the client's IP address,
/// <c>cli</c> for the command line, <c>job</c> for the engine's own scheduled work). The host sets it once per request
/// from the HTTP context, the CLI once per run; every audit entry made in that flow carries it, so no caller passes
/// them by hand (R49).
/// </summary>
public sealed record AuditOrigin(string Role, string Source)
{
    public const string CliName = "cli";
    public const string JobSource = "job";
    public const string SystemRole = "system";
    public const string PublicRole = "public";

    /// <summary>The engine's own work (jobs, start-up): what an entry carries when nobody set an origin.</summary>
    public static AuditOrigin Job { get; } = new(SystemRole, JobSource);

    /// <summary>The operator at the command line: role and source are both <c>cli</c>.</summary>
    public static AuditOrigin Cli { get; } = new(CliName, CliName);

    private static readonly AsyncLocal<Func<AuditOrigin>?> Ambient = new();

    /// <summary>The origin of the flow running now (a request, a CLI run), or <see cref="Job"/>.</summary>
    public static AuditOrigin Current => Ambient.Value?.Invoke() ?? Job;

    /// <summary>
    /// Sets the origin for the rest of this flow. A function, so a request's role is read when an entry is made, after
    /// authentication, not when the request arrived.
    /// </summary>
    public static void Use(Func<AuditOrigin> origin) => Ambient.Value = origin;

    public static void Use(AuditOrigin origin) => Ambient.Value = () => origin;
}
